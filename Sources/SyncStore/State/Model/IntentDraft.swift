/// One write and the decisions that need it: each entry becomes a `pending` journal
/// row pointing at the write. (Fields decided by different rules share one write.)
public struct IntentDraft: Sendable, Hashable {
    public var mapping: String
    public var linkID: String?
    public var write: WriteDraft
    /// At least one.
    public var entries: [JournalDraft]
    /// The failure this write resends (`SyncState.dueRetries`), so the failure is
    /// updated or closed by this write's outcome.
    public var retryOf: Int64?

    public init(mapping: String, linkID: String?, write: WriteDraft, entries: [JournalDraft], retryOf: Int64? = nil) {
        self.mapping = mapping
        self.linkID = linkID
        self.write = write
        self.entries = entries
        self.retryOf = retryOf
    }
}
