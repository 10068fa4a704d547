import SyncCore

/// Turns one SOQL result row into a `NativeRecord`.
enum SalesforceRecord {
    /// The row without `attributes` (also removed from nested relationship objects), its
    /// `Id`, `SystemModstamp` in epoch ms and `IsDeleted`.
    static func decode(_ row: JSONValue, remote: String, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard case .object(var members) = row else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "a record is not a JSON object")
        }
        members.removeValue(forKey: "attributes")
        for (key, value) in members {
            if case .object(var nested) = value, nested["attributes"] != nil {
                nested.removeValue(forKey: "attributes")
                members[key] = .object(nested)
            }
        }
        guard let id = members["Id"]?.stringValue, !id.isEmpty else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "a record has no Id")
        }
        guard let stampText = members["SystemModstamp"]?.stringValue, let stamp = RemoteTimestamp.parse(stampText) else {
            throw .malformedResponse(remote: remote, endpoint: endpoint,
                                     reason: "record \(id) has no SystemModstamp in the 2024-01-01T00:00:00.000+0000 form")
        }
        let deleted = members["IsDeleted"]?.boolValue ?? false
        return NativeRecord(id: id, modifiedAt: stamp, fields: .object(members), deleted: deleted)
    }
}
