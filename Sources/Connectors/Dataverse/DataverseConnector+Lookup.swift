import Foundation
import SyncCore
import SyncHTTP

extension DataverseConnector {
    /// `GET /{set}?$filter=field eq 'a' or field eq 'b'…`, 25 values a request.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        let set = try entitySet(object)
        guard OptionReader.isIdentifier(externalIdField) else {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(externalIdField)' is not a Dataverse column name")
        }
        let key = options.primaryKey(of: set)
        let select = try columns([externalIdField], key: key)
        let endpoint = "GET \(set) lookup"
        var found: [String: NativeRecord] = [:]
        for chunk in Array(Set(values)).sorted().chunked(Self.lookupValues) {
            let filter = chunk.map { "\(externalIdField) eq '\($0.replacingOccurrences(of: "'", with: "''"))'" }
                .joined(separator: " or ")
            let response = try session.send(endpoint) { _ throws(ConnectorError) in
                read(serviceRoot + "/" + set, query: [URLQueryItem(name: "$select", value: select),
                                                      URLQueryItem(name: "$filter", value: filter)])
            }
            guard let rows = try ResponseBody.object(response, remote: remoteName, endpoint: endpoint)["value"]?.arrayValue else {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no value list")
            }
            for row in rows {
                let record = try record(row, key: key, endpoint: endpoint)
                if let value = row[key: externalIdField]?.scalarText, chunk.contains(value) { found[value] = record }
            }
        }
        return found
    }
}
