import SyncCore

/// Writes of one object to one remote, at most `ConnectorLimits.maxBatch` of them;
/// the connector sends them in as few requests as its API allows.
public struct WriteBatch: Sendable, Hashable {
    public var object: String
    /// The field on this remote that holds the other side's id; creates become
    /// upserts keyed by it where the API has upsert, so a create repeated after a
    /// crash updates instead of duplicating.
    public var externalIdField: String?
    /// Set when there is no `externalIdField` but the engine finds a create whose answer
    /// was lost by this field's value instead (a match key unique on the remote, see
    /// `Connector.canLookUp`): such a create is then left unknown, not failed.
    public var matchKeyField: String?
    public var writes: [RecordWrite]

    public init(object: String, externalIdField: String?, matchKeyField: String? = nil, writes: [RecordWrite]) {
        self.object = object
        self.externalIdField = externalIdField
        self.matchKeyField = matchKeyField
        self.writes = writes
    }

    /// Whether the engine can look a create of this batch up after an unreadable answer.
    public var createsLookedUp: Bool { externalIdField != nil || matchKeyField != nil }
}

public struct RecordWrite: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable, Codable {
        case create, update, delete
    }

    /// Correlates the outcome with the journal intent that caused it.
    public var key: String
    public var operation: Operation
    /// The remote id, for update and delete.
    public var id: String?
    /// The other side's id, written into `WriteBatch.externalIdField`.
    public var externalId: String?
    /// Native fields to send (an `.object`; nested paths already expanded).
    public var fields: JSONValue

    public init(key: String, operation: Operation, id: String? = nil, externalId: String? = nil, fields: JSONValue = .object([:])) {
        self.key = key
        self.operation = operation
        self.id = id
        self.externalId = externalId
        self.fields = fields
    }
}

/// What became of one `RecordWrite`.
public struct WriteOutcome: Sendable, Hashable {
    public enum Result: Sendable, Hashable {
        /// `id` is the remote's id of the record written; `created` is false when an
        /// upsert found the record already there.
        case applied(id: String, created: Bool)
        case failed(RemoteFailure)
    }

    public var key: String
    public var result: Result

    public init(key: String, result: Result) {
        self.key = key
        self.result = result
    }
}

/// A remote's refusal of one record, kept verbatim for the journal and dead letters.
public struct RemoteFailure: Sendable, Hashable, Error {
    public var status: Int?
    /// The API's own code: `DUPLICATE_VALUE`, `VALIDATION_ERROR`, …
    public var code: String?
    /// The remote's message, verbatim.
    public var message: String
    /// Worth trying again next cycle (throttling, a lock) rather than after an edit.
    public var retryable: Bool
    /// The remote's error element exactly as sent (compact JSON: Salesforce's `errors`
    /// array, HubSpot's `errors[]` entry), for dead letters; nil when there was none.
    public var raw: String?

    public init(status: Int?, code: String?, message: String, retryable: Bool, raw: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryable = retryable
        self.raw = raw
    }
}
