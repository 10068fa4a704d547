import Foundation
import SyncCore
import SyncHTTP

extension SalesforceConnector {
    /// Values per lookup query, and the most characters of quoted values in one: the
    /// query travels in a GET URL, which Salesforce caps at about 16 KB.
    static let lookupChunkValues = 200
    static let lookupChunkCharacters = 4000

    /// `SELECT Id, SystemModstamp, IsDeleted, F FROM T WHERE F IN (…)` through `query`
    /// (live records only: an upsert ignores the recycle bin too), in chunks of at most
    /// 200 values or 4,000 characters. Requests: one per chunk (plus more pages only if a
    /// chunk matched over 2,000 rows). Values compare as Salesforce compares text,
    /// case-insensitively; the result is keyed by the value as asked.
    public func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] {
        try checkObject(object)
        guard SOQLText.isIdentifier(externalIdField, dotted: false) else {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(externalIdField)' is not a valid external-id field name")
        }
        var asked: [String: String] = [:]
        var unique: [String] = []
        for value in values where !value.isEmpty && asked[value] == nil {
            asked[value] = value
            unique.append(value)
        }
        let folded = Dictionary(unique.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String: NativeRecord] = [:]
        let endpoint = "GET query \(object) by \(externalIdField)"
        for chunk in Self.lookupChunks(unique) {
            let soql = "SELECT " + SOQLText.selectList(Self.ownFields, [externalIdField]).joined(separator: ", ")
                + " FROM \(object) WHERE \(externalIdField) IN (" + chunk.map(SOQLText.quote).joined(separator: ", ") + ")"
            try PageLoop.run(remote: remote, endpoint: endpoint) { (next: String?) throws -> String? in
                let response = try session.send(endpoint) { access in
                    var http = next.map { HTTPRequest(.get, instanceURL(access, path: $0)) }
                        ?? HTTPRequest(.get, dataURL(access) + "/query", query: [URLQueryItem(name: "q", value: soql)])
                    http.headers["Accept"] = "application/json"
                    return http
                }
                let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
                for row in body["records"]?.arrayValue ?? [] {
                    let record = try SalesforceRecord.decode(row, remote: remote, endpoint: endpoint)
                    guard let value = record.fields[key: externalIdField]?.scalarText,
                        let key = asked[value] ?? folded[value.lowercased()]
                    else { continue }
                    found[key] = record
                }
                let done = body["done"]?.boolValue ?? true
                guard !done, let nextURL = body["nextRecordsUrl"]?.stringValue, !nextURL.isEmpty else { return nil }
                return nextURL
            }
        }
        return found
    }

    static func lookupChunks(_ values: [String]) -> [[String]] {
        var chunks: [[String]] = []
        var current: [String] = []
        var characters = 0
        for value in values {
            let size = value.utf8.count + 4
            if !current.isEmpty, current.count >= lookupChunkValues || characters + size > lookupChunkCharacters {
                chunks.append(current)
                current = []
                characters = 0
            }
            current.append(value)
            characters += size
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }
}
