/// The correspondence between one CRM record and one PRM record in a mapping.
public struct LinkRecord: Sendable, Hashable {
    /// The reconciler's link states. Stored as the raw value.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case active, deleted, flagged, review, unlinked
    }

    public var id: String
    public var mapping: String
    /// Nil while that side's record is still to be created (or undecided, in review).
    public var crmID: String?
    public var prmID: String?
    public var status: Status
    /// Epoch milliseconds; set by the store.
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(id: String, mapping: String, crmID: String?, prmID: String?, status: Status,
                createdAt: Int64 = 0, updatedAt: Int64 = 0) {
        self.id = id
        self.mapping = mapping
        self.crmID = crmID
        self.prmID = prmID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
