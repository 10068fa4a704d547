/// One remote write the plan asks for. Connectors batch these; the store
/// journals an intent for each before it is sent.
public struct PlannedWrite: Sendable, Hashable, Codable {
    /// The side written to.
    public var side: Side
    public var operation: WriteOperation
    /// The record written; nil for a create (its id comes back in the outcome
    /// and fills the link's id for `side`), and for an update of a record whose
    /// create has no outcome yet (address it by `externalId`).
    public var recordId: String?
    public var linkId: String
    /// Canonical values to send, exactly the fields decided (empty for a delete).
    public var fields: [String: Value]
    /// The counterpart's id, for the target's external-id field: a create
    /// carries it so a create repeated after a crash upserts instead of
    /// duplicating; updates carry it so they can be sent as upserts too.
    /// Nil when the target side has no external-id field, or for a delete.
    public var externalId: String?

    public init(side: Side, operation: WriteOperation, recordId: String?, linkId: String,
                fields: [String: Value], externalId: String?) {
        self.side = side
        self.operation = operation
        self.recordId = recordId
        self.linkId = linkId
        self.fields = fields
        self.externalId = externalId
    }
}
