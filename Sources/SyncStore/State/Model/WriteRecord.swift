import SyncCore

/// One remote write as the store keeps it: enough to look the record up after a
/// crash (by `externalID`) or to send it again.
public struct WriteRecord: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case create, update, delete
    }

    public var id: Int64
    public var mapping: String
    public var cycleID: Int64?
    public var linkID: String?
    /// The side written to.
    public var side: Side
    public var operation: Operation
    /// The target record's id; nil for a create.
    public var recordID: String?
    /// The counterpart's id, as written into the target's external-id field.
    public var externalID: String?
    /// The fields sent, as JSON text (an object).
    public var payload: String
    /// 1 for the first try; a resend of a failure counts on from the failure's attempts.
    public var attempt: Int
    /// The failure this write resends, if any.
    public var retryOf: Int64?
    /// The journal seqs of this write's intent rows.
    public var intentSeqs: [Int64]
    /// The first outcome row's seq; nil while the write is pending.
    public var outcomeSeq: Int64?
    public var createdAt: Int64

    public init(id: Int64, mapping: String, cycleID: Int64?, linkID: String?, side: Side, operation: Operation,
                recordID: String?, externalID: String?, payload: String, attempt: Int, retryOf: Int64?,
                intentSeqs: [Int64], outcomeSeq: Int64?, createdAt: Int64) {
        self.id = id
        self.mapping = mapping
        self.cycleID = cycleID
        self.linkID = linkID
        self.side = side
        self.operation = operation
        self.recordID = recordID
        self.externalID = externalID
        self.payload = payload
        self.attempt = attempt
        self.retryOf = retryOf
        self.intentSeqs = intentSeqs
        self.outcomeSeq = outcomeSeq
        self.createdAt = createdAt
    }

    /// Whether the write still waits for its outcome.
    public var isPending: Bool { outcomeSeq == nil }
}
