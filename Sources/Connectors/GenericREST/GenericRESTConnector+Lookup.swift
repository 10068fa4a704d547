import Foundation
import SyncCore
import SyncHTTP

extension GenericRESTConnector {
    /// With `lookup.param`: one list request per value, filtered by that parameter; only
    /// records whose `externalIdField` really holds the value count (many APIs ignore a
    /// parameter they do not know and would answer with the unfiltered list). Without it
    /// the API cannot hold a foreign id: nothing is found and no request is made.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        let settings = options.settings(for: object)
        guard let param = settings.lookupParam, let fieldPath = ResponsePath(externalIdField), !values.isEmpty else {
            return [:]
        }
        let reader = GenericRESTRecords(settings: settings)
        let endpoint = "GET \(object) lookup"
        let listURL = url(settings.list.path, object: object)
        var found: [String: NativeRecord] = [:]
        for value in Set(values).sorted() {
            var query = settings.list.query.map { URLQueryItem(name: $0.name, value: $0.value) }
            query.append(URLQueryItem(name: param, value: value))
            let request = HTTPRequest(.get, listURL, query: query, headers: ["Accept": "application/json"])
            let response = try session.send(endpoint) { _ in request }
            let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
            let records: [NativeRecord]
            do {
                records = try reader.list(body)
            } catch {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: error.reason)
            }
            if let match = records.first(where: { fieldPath.read($0.fields)?.scalarText == value }) {
                found[value] = match
            }
        }
        return found
    }

    /// With `lookup.param` the list filters by one field: the external-id field, or on an
    /// object without one, the unique match-key field the mapping names (`lookup` still
    /// keeps only records that really hold the value).
    public func canLookUp(object: String, field: String) -> Bool {
        options.canLookUp(object: object, field: field)
    }
}
