import SyncCore

/// Turns one HubSpot object (`{id, properties, createdAt, updatedAt, archived}`) into a
/// `NativeRecord` whose fields are the `properties` object.
enum HubSpotRecord {
    static func decode(_ value: JSONValue, remote: String, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard case .object(let members) = value, let id = members["id"]?.scalarText, !id.isEmpty else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "a result has no id")
        }
        let properties = members["properties"] ?? .object([:])
        guard case .object = properties else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "object \(id) has no properties object")
        }
        guard let stamp = modified(members) else {
            throw .malformedResponse(remote: remote, endpoint: endpoint,
                                     reason: "object \(id) has no hs_lastmodifieddate or updatedAt timestamp")
        }
        return NativeRecord(id: id, modifiedAt: stamp, fields: properties, deleted: members["archived"]?.boolValue ?? false)
    }

    /// `properties.hs_lastmodifieddate` (ISO 8601 or epoch ms), else `updatedAt`.
    static func modified(_ members: [String: JSONValue]) -> Int64? {
        if let text = members["properties"]?[key: "hs_lastmodifieddate"]?.stringValue, let stamp = time(text) { return stamp }
        return members["updatedAt"]?.stringValue.flatMap(time)
    }

    static func time(_ text: String) -> Int64? {
        RemoteTimestamp.parse(text) ?? Int64(text)
    }
}
