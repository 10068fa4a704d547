/// Whether work against a remote may go ahead now.
public enum CircuitDecision: Sendable, Hashable {
    /// The circuit is closed.
    case allowed
    /// The circuit is half-open and this caller is its one probe: it must report
    /// success or failure (or `abandonProbe` when it never reached the remote).
    case probe
    /// Refused: open until `retryAt`, or half-open with the probe still out (`nil`).
    case rejected(retryAt: MonotonicInstant?)

    public var isAllowed: Bool {
        switch self {
        case .allowed, .probe: true
        case .rejected: false
        }
    }
}
