import SyncCore
import SyncStore

extension LinkRecord {
    /// The link in `show --json`, with its shadow.
    func json(shadow: ShadowRecord?) -> JSONValue {
        .object([
            "id": .string(id), "mapping": .string(mapping), "crmId": JSONFields.text(crmID),
            "prmId": JSONFields.text(prmID), "status": .string(status.rawValue), "createdAt": TimeText.json(createdAt),
            "updatedAt": TimeText.json(updatedAt), "shadow": shadow.map(\.json) ?? .null,
        ])
    }
}

extension ShadowRecord {
    var json: JSONValue {
        .object([
            "crm": JSONFields.embedded(crmValues), "prm": JSONFields.embedded(prmValues),
            "crmModifiedAt": TimeText.json(crmModifiedAt), "prmModifiedAt": TimeText.json(prmModifiedAt),
            "crmHash": .string(crmHash), "prmHash": .string(prmHash),
            "conflictFields": .array(conflictFields.map { .string($0) }), "updatedAt": TimeText.json(updatedAt),
        ])
    }

    /// One table row per field: the value each side last agreed on.
    var fieldTable: TextTable {
        let crm = Self.fields(crmValues)
        let prm = Self.fields(prmValues)
        var table = TextTable([.init("FIELD", max: 32), .init("CRM", max: 40), .init("PRM", max: 40), .init("", max: 10)])
        for field in Set(crm.keys).union(prm.keys).sorted() {
            table.append([field, crm[field].map(CanonicalText.value) ?? "-", prm[field].map(CanonicalText.value) ?? "-",
                          conflictFields.contains(field) ? "conflict" : ""])
        }
        return table
    }

    private static func fields(_ json: String) -> [String: JSONValue] {
        guard case let .object(members)? = try? JSONParser().parse(json) else { return [:] }
        return members
    }
}
