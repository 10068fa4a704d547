/// What a journaled decision does.
public enum JournalOperation: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case delete
    case link
    /// The record waits for a human (ambiguous match).
    case review
    case unlink
    /// The link is flagged for ops (delete policy `flag`).
    case flag
    /// A conflict is opened or closed.
    case conflict
    /// Decided, and nothing to do (converged, echo, blocked edit not re-asserted).
    case none
}
