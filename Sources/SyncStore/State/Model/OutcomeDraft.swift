/// What became of one write, as the caller learned it from the remote.
public struct OutcomeDraft: Sendable, Hashable {
    public var writeID: Int64
    /// `applied`, `failed` (retried automatically), `dead` (waits for ops) or `skipped`.
    public var status: JournalRow.Status
    /// The remote's id of the record written; for a create it fills the link's id
    /// for the written side.
    public var remoteID: String?
    public var refusal: RemoteRefusal?
    public var detail: String?
    /// False for a write that was never sent for a reason that is not the record's
    /// (its target id is not known yet): the failure keeps its attempt count, so the
    /// wait never brings the write closer to a dead letter.
    public var countsAttempt: Bool

    public init(writeID: Int64, status: JournalRow.Status, remoteID: String? = nil, refusal: RemoteRefusal? = nil,
                detail: String? = nil, countsAttempt: Bool = true) {
        self.writeID = writeID
        self.status = status
        self.remoteID = remoteID
        self.refusal = refusal
        self.detail = detail
        self.countsAttempt = countsAttempt
    }

    public static func applied(_ writeID: Int64, remoteID: String? = nil) -> OutcomeDraft {
        OutcomeDraft(writeID: writeID, status: .applied, remoteID: remoteID)
    }
}
