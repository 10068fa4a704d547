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

    public init(writeID: Int64, status: JournalRow.Status, remoteID: String? = nil, refusal: RemoteRefusal? = nil,
                detail: String? = nil) {
        self.writeID = writeID
        self.status = status
        self.remoteID = remoteID
        self.refusal = refusal
        self.detail = detail
    }

    public static func applied(_ writeID: Int64, remoteID: String? = nil) -> OutcomeDraft {
        OutcomeDraft(writeID: writeID, status: .applied, remoteID: remoteID)
    }
}
