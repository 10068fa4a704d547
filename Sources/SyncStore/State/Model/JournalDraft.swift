/// One decision to journal: what the reconciler's journal entry says, before the
/// store gives it a seq, a time and a status.
public struct JournalDraft: Sendable, Hashable {
    public var mapping: String
    public var linkID: String?
    public var crmID: String?
    public var prmID: String?
    public var direction: JournalRow.Direction
    public var operation: String
    public var rule: String?
    /// JSON text: an array of `{"field": …, "before": …, "after": …}`; nil for none.
    public var changes: String?
    public var detail: String?
    /// Epoch milliseconds; nil stamps the store's clock.
    public var at: Int64?

    public init(mapping: String, linkID: String? = nil, crmID: String? = nil, prmID: String? = nil,
                direction: JournalRow.Direction = .none, operation: String, rule: String? = nil,
                changes: String? = nil, detail: String? = nil, at: Int64? = nil) {
        self.mapping = mapping
        self.linkID = linkID
        self.crmID = crmID
        self.prmID = prmID
        self.direction = direction
        self.operation = operation
        self.rule = rule
        self.changes = changes
        self.detail = detail
        self.at = at
    }
}
