/// A decision that needs no remote write (converged, echo suppressed, link made,
/// conflict opened): journaled with its final status at once.
public struct DecisionDraft: Sendable, Hashable {
    public var entry: JournalDraft
    /// Any final status; `pending` is refused (an intent needs a write).
    public var status: JournalRow.Status

    public init(_ entry: JournalDraft, status: JournalRow.Status) {
        self.entry = entry
        self.status = status
    }
}
