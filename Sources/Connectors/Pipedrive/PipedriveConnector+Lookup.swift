import Foundation
import SyncCore
import SyncHTTP

extension PipedriveConnector {
    /// Reads the list newest first until every value is found in `externalIdField` or the
    /// list ends: v2 lists filter on no custom field, and search answers partial items.
    /// Crash recovery looks up recent creates, so this is usually one page.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        let url = try objectURL(object)
        guard let fieldPath = ResponsePath(externalIdField), !fieldPath.isRoot else {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(externalIdField)' is not a field path")
        }
        var missing = Set(values)
        var found: [String: NativeRecord] = [:]
        guard !missing.isEmpty else { return found }
        let endpoint = "GET \(object) lookup"
        let query = [URLQueryItem(name: "limit", value: String(options.pageSize)),
                     URLQueryItem(name: "sort_by", value: "add_time"), URLQueryItem(name: "sort_direction", value: "desc")]
        try PageLoop.run(remote: remoteName, endpoint: endpoint) { (cursor: String?) throws -> String? in
            let response = try session.send(endpoint) { _ in listRequest(url, query, cursor: cursor) }
            let page = try listPage(response, endpoint: endpoint)
            for record in page.records {
                guard let value = fieldPath.read(record.fields)?.scalarText, missing.remove(value) != nil else { continue }
                found[value] = record
            }
            return missing.isEmpty ? nil : page.next
        }
        return found
    }
}
