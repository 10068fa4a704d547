import SyncCore

/// HubSpot's property rules: values are strings, a few properties are the system's own.
enum HubSpotProperties {
    /// Read-only properties HubSpot maintains itself.
    static let system: Set<String> = ["hs_object_id", "createdate", "hs_createdate", "hs_lastmodifieddate",
                                      "lastmodifieddate"]
    /// Properties holding times (filters accept epoch ms or ISO 8601).
    static let times: Set<String> = ["createdate", "hs_createdate", "hs_lastmodifieddate", "lastmodifieddate"]

    /// Always returned with a record.
    static let alwaysReturned = ["createdate", "hs_lastmodifieddate", "hs_object_id"]

    /// The property's value as HubSpot shows it (text), nil when unset.
    static func value(_ name: String, of record: SandboxRecord) -> String? {
        switch name {
        case "hs_object_id": return record.id
        case "createdate", "hs_createdate": return SandboxTime.iso(record.createdAt)
        case "hs_lastmodifieddate", "lastmodifieddate": return SandboxTime.iso(record.modifiedAt)
        default: return record.fields[name]?.displayText
        }
    }

    /// A property as a filter compares it: times as epoch ms, other values as text.
    static func comparable(_ name: String, of record: SandboxRecord) -> JSONValue {
        switch name {
        case "createdate", "hs_createdate": return .int(record.createdAt)
        case "hs_lastmodifieddate", "lastmodifieddate": return .int(record.modifiedAt)
        default: return value(name, of: record).map(JSONValue.string) ?? .null
        }
    }

    /// Validates and normalizes written properties; the problems HubSpot would list.
    static func normalize(_ properties: [String: JSONValue], definition: ObjectDefinition)
        -> (values: [String: JSONValue], problems: [(name: String, error: String, message: String)]) {
        var values: [String: JSONValue] = [:]
        var problems: [(name: String, error: String, message: String)] = []
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            if system.contains(name) {
                problems.append((name, "READ_ONLY_VALUE", "\(name) is a read only property; its value cannot be set."))
                continue
            }
            if let schema = definition.schema, !schema.contains(name) {
                problems.append((name, "PROPERTY_DOESNT_EXIST", "Property \"\(name)\" does not exist"))
                continue
            }
            switch value {
            case .null: values[name] = .null
            case .string, .number, .bool: values[name] = value.displayText.map(JSONValue.string) ?? .null
            case .array, .object:
                problems.append((name, "INVALID_OPTION", "\(JSONWriter.string(value).prefix(64)) was not a valid value for \(name)"))
            }
        }
        return (values, problems)
    }
}

extension HubSpotAPI {
    /// A record as HubSpot shows it.
    func render(_ record: SandboxRecord, properties: [String]) -> JSONValue {
        var shown: [String: JSONValue] = [:]
        for name in properties + HubSpotProperties.alwaysReturned {
            shown[name] = HubSpotProperties.value(name, of: record).map(JSONValue.string) ?? .null
        }
        var out: [String: JSONValue] = [
            "id": .string(record.id),
            "properties": .object(shown),
            "createdAt": .string(SandboxTime.iso(record.createdAt)),
            "updatedAt": .string(SandboxTime.iso(record.modifiedAt)),
            "archived": .bool(record.isDeleted),
        ]
        if let archivedAt = record.deletedAt { out["archivedAt"] = .string(SandboxTime.iso(archivedAt)) }
        return .object(out)
    }

    /// Properties a request names (`properties=a,b` or a JSON array), or the defaults.
    func requestedProperties(_ listed: [String]?, definition: ObjectDefinition) -> [String] {
        guard let listed, !listed.isEmpty else {
            return configuration.objects.first { $0.name == definition.name }?.defaultProperties ?? []
        }
        return listed
    }

    func propertyList(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// Store errors in HubSpot's words.
    func refusal(for storeError: SandboxError, object: String) -> SandboxResponse {
        switch storeError {
        case let .uniqueViolation(_, field, existing):
            return error(409, "\(object.capitalized.dropLast()) already exists. Existing ID: \(existing)", category: "CONFLICT",
                         extra: ["context": .object(["property": .array([.string(field)]), "id": .array([.string(existing)])])])
        case let .unknownField(_, field):
            return validation(HubSpotError.invalidProperties([(field, "PROPERTY_DOESNT_EXIST", "Property \"\(field)\" does not exist")]))
        case .recordNotFound:
            return error(404, "resource not found", category: "OBJECT_NOT_FOUND")
        default:
            return validation(storeError.description)
        }
    }
}
