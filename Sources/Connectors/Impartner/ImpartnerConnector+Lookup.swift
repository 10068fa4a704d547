import Foundation
import SyncCore
import SyncHTTP

extension ImpartnerConnector {
    /// One request per distinct value: `filter=<externalIdField> eq '<value>'`, oldest
    /// record first (the filter grammar has no `or` or `in`).
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        let url = try objectURL(object)
        guard ImpartnerQuery.isPath(externalIdField) else {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(externalIdField)' is not a valid field name")
        }
        let endpoint = "GET \(object) lookup"
        var found: [String: NativeRecord] = [:]
        for value in Set(values).sorted() {
            let query = [URLQueryItem(name: "filter", value: "\(externalIdField) eq \(ImpartnerQuery.literal(value))"),
                         URLQueryItem(name: "orderby", value: "id asc"), URLQueryItem(name: "take", value: "1")]
            let response = try session.send(endpoint) { _ in
                HTTPRequest(.get, url, query: query, headers: ["Accept": "application/json"])
            }
            let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
            guard let results = Self.listData(body)?["results"]?.arrayValue else {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no results list")
            }
            if let first = results.first { found[value] = try record(first, endpoint: endpoint) }
        }
        return found
    }
}
