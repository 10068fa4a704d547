import Foundation
import SyncCore
import SyncHTTP

extension DataverseConnector {
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let set = try entitySet(request.object)
        let key = options.primaryKey(of: set)
        let select = try columns(request.fields, key: key)
        if let link = request.since?.token,
           let summary = try walk(first: link, baseline: false, request: request, key: key, onPage: onPage) {
            return summary
        }
        // No delta link yet, or it answered 410 Gone: a new baseline of the whole table.
        let first = serviceRoot + "/" + set + "?$select=" + select
        guard let summary = try walk(first: first, baseline: true, request: request, key: key, onPage: onPage) else {
            throw ConnectorError.malformedResponse(remote: remoteName, endpoint: "GET \(set) changes",
                                                   reason: "a baseline read answered 410 Gone")
        }
        return summary
    }

    /// Reads from `first` along `@odata.nextLink`s to the page with the `@odata.deltaLink`.
    /// Nil when `first` (a delta link) answers 410 Gone.
    private func walk(first: String, baseline: Bool, request: PullRequest, key: String,
                      onPage: (ChangePage) throws -> Void) throws -> PullSummary? {
        let endpoint = "GET \(request.object) changes"
        // Until the last page, a page's cursor is where this pull started: a pull cut short
        // reads again from there.
        let resume = baseline ? PullCursor(highWater: request.since?.highWater) : request.since ?? PullCursor()
        var highWater = request.since?.highWater
        var cursor = resume
        var gone = false
        let pages = try PageLoop.run(remote: remoteName, endpoint: endpoint) { (next: String?) throws -> String? in
            let url = try followable(next ?? first, endpoint: endpoint)
            let isFirst = next == nil
            let response = try session.send(endpoint) { _ throws(ConnectorError) in
                var get = read(url, prefer: ["odata.track-changes", "odata.maxpagesize=\(options.pageSize)"])
                if isFirst, !baseline { get.acceptedStatuses = [200, 410] }
                return get
            }
            if response.status == 410 {
                gone = true
                return nil
            }
            let body = try ResponseBody.object(response, remote: remoteName, endpoint: endpoint)
            guard let rows = body["value"]?.arrayValue else {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no value list")
            }
            var records: [NativeRecord] = []
            var deletes: [DeletedRecord] = []
            for row in rows {
                if let id = try removedID(row, endpoint: endpoint) {
                    deletes.append(DeletedRecord(id: id, deletedAt: clock.now()))
                    continue
                }
                let record = try record(row, key: key, endpoint: endpoint)
                highWater = max(highWater ?? record.modifiedAt, record.modifiedAt)
                records.append(record)
            }
            let nextLink = body["@odata.nextLink"]?.stringValue
            if nextLink == nil {
                guard let delta = body["@odata.deltaLink"]?.stringValue else {
                    throw ConnectorError.malformedResponse(
                        remote: remoteName, endpoint: endpoint,
                        reason: "the last page has no @odata.deltaLink (is change tracking enabled on the table?)")
                }
                cursor = PullCursor(highWater: highWater, token: try followable(delta, endpoint: endpoint))
            }
            if !records.isEmpty || !deletes.isEmpty || nextLink == nil {
                try onPage(ChangePage(records: records, deletes: deletes, cursor: nextLink == nil ? cursor : resume))
            }
            return nextLink
        }
        return gone ? nil : PullSummary(cursor: cursor, completeScan: baseline, pages: pages)
    }

    /// The id of a `$deletedEntity` row (OData 4.0 JSON) or an `@removed` one (4.01); nil
    /// for a changed row.
    private func removedID(_ row: JSONValue, endpoint: String) throws(ConnectorError) -> String? {
        let context = row[key: "@odata.context"]?.stringValue ?? ""
        guard context.hasSuffix("$deletedEntity") || row[key: "@removed"] != nil else { return nil }
        guard let id = row[key: "id"]?.scalarText, !id.isEmpty else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "a $deletedEntity without an id")
        }
        return id
    }
}
