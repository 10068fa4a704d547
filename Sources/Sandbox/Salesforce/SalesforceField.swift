import SyncCore

/// A field a query selects or filters on, resolved against the object.
enum SalesforceField: Sendable, Equatable {
    case id
    case systemModstamp
    case lastModifiedDate
    case createdDate
    case isDeleted
    /// A stored field by its canonical name; dotted paths reach into nested objects.
    case stored(String)

    static let systemNames: [String: SalesforceField] = [
        "id": .id, "systemmodstamp": .systemModstamp, "lastmodifieddate": .lastModifiedDate,
        "createddate": .createdDate, "isdeleted": .isDeleted,
    ]

    /// Read-only on writes.
    static let readOnlyNames: Set<String> = ["systemmodstamp", "lastmodifieddate", "createddate", "isdeleted",
                                             "createdbyid", "lastmodifiedbyid"]

    /// Resolves `name` the way Salesforce does: case-insensitively against system fields
    /// and the schema. Nil means `INVALID_FIELD`.
    static func resolve(_ name: String, in definition: ObjectDefinition) -> SalesforceField? {
        if let system = systemNames[name.lowercased()] { return system }
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let head = definition.canonicalField(parts[0]) else {
            // A relationship (`Account.Name`) is reachable when its id field exists.
            guard parts.count == 2, definition.canonicalField(parts[0] + "Id") != nil else { return nil }
            return .stored(parts[0] + "." + parts[1])
        }
        return .stored(parts.count == 2 ? head + "." + parts[1] : head)
    }

    /// The name the response uses.
    var outputName: String {
        switch self {
        case .id: return "Id"
        case .systemModstamp: return "SystemModstamp"
        case .lastModifiedDate: return "LastModifiedDate"
        case .createdDate: return "CreatedDate"
        case .isDeleted: return "IsDeleted"
        case let .stored(name): return name
        }
    }

    /// The value for filtering: times as `.number(ms)` are handled by the caller.
    func value(of record: SandboxRecord) -> SOQLValue {
        switch self {
        case .id: return .string(record.id)
        case .systemModstamp, .lastModifiedDate: return .time(record.modifiedAt)
        case .createdDate: return .time(record.createdAt)
        case .isDeleted: return .json(.bool(record.isDeleted))
        case let .stored(name): return .json(record.value(at: name) ?? .null)
        }
    }

    /// The value as the response shows it.
    func rendered(_ record: SandboxRecord) -> JSONValue {
        switch self {
        case .id: return .string(record.id)
        case .systemModstamp, .lastModifiedDate: return .string(SandboxTime.salesforce(record.modifiedAt))
        case .createdDate: return .string(SandboxTime.salesforce(record.createdAt))
        case .isDeleted: return .bool(record.isDeleted)
        case let .stored(name): return record.value(at: name) ?? .null
        }
    }
}
