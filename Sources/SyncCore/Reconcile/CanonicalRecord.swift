/// One side's record after normalization: what the reconciler compares.
/// Build it with `CompiledMapping.record(...)` so its values line up with the
/// mapping's fields.
public struct CanonicalRecord: Sendable, Hashable, Codable {
    public var side: Side
    /// The record's id on its own side (Salesforce `Id`, HubSpot `id`, …).
    public var id: String
    /// The remote's modification time, epoch milliseconds; decides `newest`
    /// conflicts and lets a stale re-read be ignored.
    public var modifiedAt: Int64
    /// The value of this side's external-id field: the id of the counterpart on
    /// the *other* side, when the record carries one.
    public var externalId: String?
    public var values: FieldValues

    public init(side: Side, id: String, modifiedAt: Int64, externalId: String? = nil, values: FieldValues) {
        self.side = side
        self.id = id
        self.modifiedAt = modifiedAt
        self.externalId = externalId
        self.values = values
    }
}
