import Connectors

/// What the store keeps as one side's cursor: the connector's own cursor, and when that
/// side was last read completely (the scan that detects hard deletes by absence).
struct SideCursor: Codable, Sendable, Hashable {
    var pull: PullCursor?
    /// Epoch ms of the last complete read; nil before the first.
    var fullScanAt: Int64?

    /// Reads a stored cursor; text that does not decode gives nil (the caller then reads
    /// the side completely, which is always safe: reconciling is idempotent).
    static func decode(_ text: String) -> SideCursor? {
        if let cursor = try? StateCoding.value(SideCursor.self, from: text, what: "cursor") { return cursor }
        // A bare connector cursor (written by a tool that knows only `PullCursor`).
        if let pull = try? StateCoding.value(PullCursor.self, from: text, what: "cursor") {
            return SideCursor(pull: pull, fullScanAt: nil)
        }
        return nil
    }
}

