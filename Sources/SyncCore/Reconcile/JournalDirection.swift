/// Which way a journaled decision moves data.
public enum JournalDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case toCRM
    case toPRM
    /// Nothing moves (converged, conflict opened, link made, echo ignored).
    case none

    /// The direction that writes to `side`.
    public static func to(_ side: Side) -> JournalDirection { side == .crm ? .toCRM : .toPRM }
}
