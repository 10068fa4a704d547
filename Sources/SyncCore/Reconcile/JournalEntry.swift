/// One decision, as the journal records it. Fields decided by the same rule in
/// the same direction share an entry. `status` (pending, applied, …) is the
/// store's: it journals an entry with a `write` as a pending intent, and every
/// other entry as final.
public struct JournalEntry: Sendable, Hashable, Codable {
    public var mapping: String
    public var linkId: String?
    public var crmId: String?
    public var prmId: String?
    public var direction: JournalDirection
    public var operation: JournalOperation
    public var rule: Rule
    /// Fields in mapping order (empty for link, delete and echo decisions).
    public var changes: [FieldChange]
    /// Index into `Plan.writes` of the write this decision needs, if any.
    public var write: Int?
    /// Index into `Plan.conflicts` of the conflict this decision opened, if any.
    public var conflict: Int?
    /// A short human explanation beyond the rule (e.g. the candidate ids).
    public var detail: String?
    /// The reconcile call's `now`, epoch milliseconds.
    public var at: Int64

    public init(mapping: String, linkId: String?, crmId: String?, prmId: String?, direction: JournalDirection,
                operation: JournalOperation, rule: Rule, changes: [FieldChange] = [], write: Int? = nil,
                conflict: Int? = nil, detail: String? = nil, at: Int64) {
        self.mapping = mapping
        self.linkId = linkId
        self.crmId = crmId
        self.prmId = prmId
        self.direction = direction
        self.operation = operation
        self.rule = rule
        self.changes = changes
        self.write = write
        self.conflict = conflict
        self.detail = detail
        self.at = at
    }
}
