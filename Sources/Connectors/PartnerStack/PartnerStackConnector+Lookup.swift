import Foundation
import SyncCore
import SyncHTTP

extension PartnerStackConnector {
    /// Reads the list newest first (`order_by=-created_at`) until every value is found in
    /// `externalIdField` or the list ends: the API has no filter on other fields.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        let url = try objectURL(object)
        guard let fieldPath = ResponsePath(externalIdField), !fieldPath.isRoot else {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(externalIdField)' is not a field path")
        }
        var missing = Set(values)
        var found: [String: NativeRecord] = [:]
        guard !missing.isEmpty else { return found }
        let endpoint = "GET \(object) lookup"
        var pageKeys: [String] = []
        try PageLoop.run(remote: remoteName, endpoint: endpoint) { (after: String?) throws -> String? in
            let page = try fetch(url, after: after, pageKeys: pageKeys, endpoint: endpoint) { cursor in
                var query = [URLQueryItem(name: "limit", value: String(options.pageSize)),
                             URLQueryItem(name: "order_by", value: "-created_at")]
                if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
                return query
            }
            for record in page.items {
                guard let value = fieldPath.read(record.fields)?.scalarText, missing.remove(value) != nil else { continue }
                found[value] = record
            }
            pageKeys = page.items.map(\.id)
            return missing.isEmpty || !page.hasMore ? nil : pageKeys.last
        }
        return found
    }
}
