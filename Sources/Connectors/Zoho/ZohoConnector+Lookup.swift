import Foundation
import SyncCore
import SyncHTTP

extension ZohoConnector {
    /// `search?criteria=((F:equals:v1)or(F:equals:v2)…)`, 10 values a request.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        guard externalIdField.isPlainPathSegment else {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(externalIdField)' is not a Zoho field name")
        }
        var found: [String: NativeRecord] = [:]
        let endpoint = "GET \(object) search"
        for chunk in Array(Set(values)).sorted().chunked(Self.searchValues) {
            let criteria = "(" + chunk.map { "(\(externalIdField):equals:\(Self.escape($0)))" }.joined(separator: "or") + ")"
            let response = try session.send(endpoint) { access throws(ConnectorError) in
                read(try moduleURL(object, "search", access: access),
                     query: [URLQueryItem(name: "criteria", value: criteria)], since: nil)
            }
            for item in try data(response, endpoint: endpoint).items {
                let record = try record(item, endpoint: endpoint)
                if let value = item[key: externalIdField]?.scalarText, chunk.contains(value) { found[value] = record }
            }
        }
        return found
    }

    /// Criteria values escape `(`, `)` and `,` with a backslash.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)").replacingOccurrences(of: ",", with: "\\,")
    }
}
