import SyncCore

/// One record of one object, as the sandbox stores it. Each dialect renders it in its own
/// shape (Salesforce `attributes`/`Id`, HubSpot `properties`, …).
public struct SandboxRecord: Sendable, Hashable {
    /// The id the API shows (an 18-character Salesforce id, a HubSpot number, …).
    public let id: String
    /// Field values; objects nest (`company: {id, name}`).
    public var fields: [String: JSONValue]
    /// Epoch milliseconds.
    public let createdAt: Int64
    /// Epoch milliseconds; strictly increasing across writes of one store.
    public var modifiedAt: Int64
    /// Set for soft-deleted records (Salesforce recycle bin, HubSpot archive).
    public var deletedAt: Int64?
    /// Creation order within the object; ids are generated from it.
    public let sequence: Int64

    public var isDeleted: Bool { deletedAt != nil }

    public init(id: String, fields: [String: JSONValue], createdAt: Int64, modifiedAt: Int64,
                deletedAt: Int64? = nil, sequence: Int64) {
        self.id = id
        self.fields = fields
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.deletedAt = deletedAt
        self.sequence = sequence
    }

    /// The value at a dotted path (`company.name`).
    public func value(at path: String) -> JSONValue? {
        if let direct = fields[path] { return direct }
        guard path.utf8.contains(UInt8(ascii: ".")), let fieldPath = FieldPath(path) else { return nil }
        return JSONValue.object(fields)[path: fieldPath]
    }

    var modifiedKey: ModifiedKey { ModifiedKey(modifiedAt: modifiedAt, id: id) }
    var sequenceKey: SequenceKey { SequenceKey(sequence: sequence, id: id) }
}
