import SyncCore

/// A write that did not succeed, with the payload sent and the remote's error verbatim.
/// One row per problem: a resend that fails again updates it.
public struct FailureRecord: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Resent automatically on the next cycle.
        case retry
        /// A dead letter: waits for ops (`channelsync retry`).
        case dead
        /// Ops asked for a resend; the next cycle sends it.
        case requeued
        /// A later attempt succeeded, or it was superseded.
        case closed

        /// Whether the daemon should resend it now.
        public var isDue: Bool { self == .retry || self == .requeued }
    }

    public var id: Int64
    public var mapping: String
    /// The latest attempt's write.
    public var writeID: Int64
    public var firstWriteID: Int64
    public var linkID: String?
    public var crmID: String?
    public var prmID: String?
    public var side: Side
    public var operation: WriteRecord.Operation
    /// The latest attempt's write, for resending (`recordID`, `externalID`).
    public var recordID: String?
    public var externalID: String?
    public var payload: String
    public var refusal: RemoteRefusal
    public var attempts: Int
    public var state: State
    public var firstFailedAt: Int64
    public var lastFailedAt: Int64
    public var requeuedAt: Int64?
    public var requeuedBy: String?
    public var closedAt: Int64?

    public init(id: Int64, mapping: String, writeID: Int64, firstWriteID: Int64, linkID: String?, crmID: String?,
                prmID: String?, side: Side, operation: WriteRecord.Operation, recordID: String?, externalID: String?,
                payload: String, refusal: RemoteRefusal, attempts: Int, state: State, firstFailedAt: Int64,
                lastFailedAt: Int64, requeuedAt: Int64?, requeuedBy: String?, closedAt: Int64?) {
        self.id = id
        self.mapping = mapping
        self.writeID = writeID
        self.firstWriteID = firstWriteID
        self.linkID = linkID
        self.crmID = crmID
        self.prmID = prmID
        self.side = side
        self.operation = operation
        self.recordID = recordID
        self.externalID = externalID
        self.payload = payload
        self.refusal = refusal
        self.attempts = attempts
        self.state = state
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.requeuedAt = requeuedAt
        self.requeuedBy = requeuedBy
        self.closedAt = closedAt
    }

    /// The write to send again, as a draft for `IntentDraft(…, retryOf: id)`.
    public var resendDraft: WriteDraft {
        WriteDraft(side: side, operation: operation, recordID: recordID, externalID: externalID, payload: payload)
    }
}
