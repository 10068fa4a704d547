import SyncCore

/// A remote write to journal as an intent before it is sent.
public struct WriteDraft: Sendable, Hashable {
    public var side: Side
    public var operation: WriteRecord.Operation
    public var recordID: String?
    public var externalID: String?
    /// The fields to send, as JSON text (an object).
    public var payload: String

    public init(side: Side, operation: WriteRecord.Operation, recordID: String? = nil, externalID: String? = nil,
                payload: String = "{}") {
        self.side = side
        self.operation = operation
        self.recordID = recordID
        self.externalID = externalID
        self.payload = payload
    }
}
