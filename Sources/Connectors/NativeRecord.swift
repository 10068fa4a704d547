import SyncCore

/// A record as one remote holds it, before mapping. Field paths in the mapping
/// config resolve inside `fields` (for HubSpot the connector lifts `properties`,
/// so admins write `amount`, not `properties.amount`).
public struct NativeRecord: Sendable, Hashable {
    /// The remote's own id (Salesforce 18-char id, HubSpot object id, …).
    public var id: String
    /// The remote's modification time, epoch milliseconds (SystemModstamp,
    /// hs_lastmodifieddate, updated_at, …); 0 when the API has none.
    public var modifiedAt: Int64
    /// The record's fields as the API returns them; always an `.object`.
    public var fields: JSONValue
    /// A soft-deleted row (Salesforce `IsDeleted`, HubSpot `archived`).
    public var deleted: Bool

    public init(id: String, modifiedAt: Int64, fields: JSONValue, deleted: Bool = false) {
        self.id = id
        self.modifiedAt = modifiedAt
        self.fields = fields
        self.deleted = deleted
    }
}

/// A delete reported by a delete feed (Salesforce `deleted/`, HubSpot archived list).
public struct DeletedRecord: Sendable, Hashable {
    public var id: String
    public var deletedAt: Int64

    public init(id: String, deletedAt: Int64) {
        self.id = id
        self.deletedAt = deletedAt
    }
}
