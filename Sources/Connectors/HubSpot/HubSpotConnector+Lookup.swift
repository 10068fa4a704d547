import Foundation
import SyncCore
import SyncHTTP

extension HubSpotConnector {
    /// `POST /crm/v3/objects/{T}/batch/read` with `idProperty`, 100 values a call (ids
    /// that match nothing come back in a 207's errors and are simply absent). Requests:
    /// `ceil(values / 100)`. Results are keyed by the value asked (HubSpot compares some
    /// unique properties, like email, case-insensitively).
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        try checkObject(object)
        guard Self.isName(externalIdField) else {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(externalIdField)' is not a valid HubSpot property name")
        }
        var unique: [String] = []
        var asked = Set<String>()
        for value in values where !value.isEmpty && asked.insert(value).inserted { unique.append(value) }
        let folded = Dictionary(unique.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let byObjectID = externalIdField == "hs_object_id"
        var found: [String: NativeRecord] = [:]
        let endpoint = "POST \(object) batch/read by \(externalIdField)"
        for chunk in unique.chunked(limits.maxBatch) {
            var body: [String: JSONValue] = [
                "inputs": .array(chunk.map { .object(["id": .string($0)]) }),
                "properties": .array([.string(externalIdField), .string(Self.modifiedProperty)]),
            ]
            if !byObjectID { body["idProperty"] = .string(externalIdField) }
            let data = JSONWriter.data(.object(body))
            let response = try session.send(endpoint) { _ in
                HTTPRequest(.post, objectsURL(object) + "/batch/read",
                            headers: ["Content-Type": "application/json", "Accept": "application/json"], body: data)
            }
            let answer = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
            for result in try results(answer, endpoint: endpoint, errorsOnlyAllowed: true) {
                let record = try HubSpotRecord.decode(result, remote: remote, endpoint: endpoint)
                let value = byObjectID ? record.id : record.fields[key: externalIdField]?.scalarText
                guard let value, let key = asked.contains(value) ? value : folded[value.lowercased()] else { continue }
                found[key] = record
            }
        }
        return found
    }
}
