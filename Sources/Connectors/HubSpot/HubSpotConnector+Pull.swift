import Foundation
import SyncCore
import SyncHTTP

extension HubSpotConnector {
    /// Paging: every page after the first is a new search from the last
    /// `hs_lastmodifieddate` read (`GTE`), skipping the ids already delivered at that
    /// timestamp; `after` is used only to page through more than a page of records that
    /// share one timestamp. Why not `after` across the whole result: it is an offset, and
    /// a record edited while the pull pages moves to the end of the order, shifting every
    /// later record one place down — the record at the page boundary would be skipped
    /// (and, on a complete scan, taken for deleted). Windows from the last timestamp never
    /// skip, and never reach the 10,000 results one search may serve.
    ///
    /// Requests: for N changes with distinct timestamps, `1 + ceil((N − 200) / 199)`
    /// search pages (each new window re-reads its boundary record), plus, on incremental
    /// pulls, `ceil(A / 100)` pages of the archived list (A = archived records HubSpot
    /// still keeps), plus a token refresh when due.
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        try checkObject(request.object)
        for field in request.fields where !Self.isName(field) {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(field)' is not a valid HubSpot property name")
        }
        let overlap = max(0, request.overlapMillis)
        let since = request.since
        let completeScan = since?.highWater == nil
        var memory = OverlapMemory(cursor: completeScan ? nil : since, overlap: overlap, capacity: configuration.overlapMemory)
        let coveredBefore = completeScan ? nil : since?.deletesCoveredUntil
        var properties = request.fields
        if !properties.contains(Self.modifiedProperty) { properties.append(Self.modifiedProperty) }

        let first = SearchMarker(windowStart: completeScan ? nil : since?.highWater.map { $0 - overlap }, after: nil)
        var pages = 0
        let endpoint = "POST search \(request.object)"
        try PageLoop.run(remote: remote, endpoint: endpoint, from: first) { (marker: SearchMarker?) throws -> SearchMarker? in
            let position = marker ?? first
            let body = try search(request.object, properties: properties, from: position.windowStart, after: position.after,
                                  endpoint: endpoint)
            var records: [NativeRecord] = []
            var lastStamp: Int64?
            for result in try results(body, endpoint: endpoint) {
                let record = try HubSpotRecord.decode(result, remote: remote, endpoint: endpoint)
                lastStamp = max(lastStamp ?? .min, record.modifiedAt)
                if memory.delivered(id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                records.append(record)
            }
            if !records.isEmpty {
                try onPage(ChangePage(records: records, cursor: memory.cursor(deletesCoveredUntil: coveredBefore)))
                pages += 1
            }
            guard let next = body["paging"]?[key: "next"]?[key: "after"]?.int64Value, let lastStamp else { return nil }
            if lastStamp != position.windowStart {
                // A new window from the last timestamp read.
                return SearchMarker(windowStart: lastStamp, after: nil)
            }
            // A whole page at the window's first timestamp: page through the tie by offset.
            guard next < Int64(configuration.searchResultCap) else {
                throw ConnectorError.pagingStalled(
                    remote: remote, endpoint: endpoint,
                    detail: "more than \(configuration.searchResultCap) records share hs_lastmodifieddate \(RemoteTimestamp.iso(lastStamp)); one search cannot page past them")
            }
            return SearchMarker(windowStart: position.windowStart, after: next)
        }

        var coveredUntil = coveredBefore
        let archivedDue = coveredBefore.map { clock.now() - $0 >= configuration.archivedListIntervalMillis } ?? true
        if !completeScan, configuration.readsArchived, archivedDue, let since, let highWater = since.highWater {
            let floor = (since.deletesCoveredUntil ?? highWater) - overlap
            let newest = try readArchived(request.object, from: floor, memory: &memory, coveredBefore: coveredBefore,
                                          pages: &pages, onPage: onPage)
            coveredUntil = [coveredBefore, newest, memory.highWater].compactMap { $0 }.max()
        }
        return PullSummary(cursor: memory.cursor(deletesCoveredUntil: coveredUntil), completeScan: completeScan, pages: pages)
    }

    private func search(_ object: String, properties: [String], from start: Int64?, after: Int64?,
                        endpoint: String) throws(ConnectorError) -> [String: JSONValue] {
        var body: [String: JSONValue] = [
            "sorts": .array([.object(["propertyName": .string(Self.modifiedProperty), "direction": .string("ASCENDING")])]),
            "properties": .array(properties.map(JSONValue.string)),
            "limit": .number(Decimal(configuration.pageSize)),
            "filterGroups": .array([]),
        ]
        if let start {
            body["filterGroups"] = .array([.object(["filters": .array([.object([
                "propertyName": .string(Self.modifiedProperty), "operator": .string("GTE"), "value": .string(String(start)),
            ])])])])
        }
        if let after { body["after"] = .string(String(after)) }
        let data = JSONWriter.data(.object(body))
        let response = try session.send(endpoint) { _ in
            HTTPRequest(.post, objectsURL(object) + "/search",
                        headers: ["Content-Type": "application/json", "Accept": "application/json"], body: data)
        }
        return try ResponseBody.object(response, remote: remote, endpoint: endpoint)
    }

    /// Lists archived records, delivering those archived at or after `floor` and not yet
    /// delivered, one page of deletes per list page. Returns the newest archive time seen.
    private func readArchived(
        _ object: String, from floor: Int64, memory: inout OverlapMemory, coveredBefore: Int64?, pages: inout Int,
        onPage: (ChangePage) throws -> Void
    ) throws -> Int64? {
        let endpoint = "GET \(object) archived"
        var newest: Int64?
        try PageLoop.run(remote: remote, endpoint: endpoint) { (after: String?) throws -> String? in
            let response = try session.send(endpoint) { _ in
                var query = [URLQueryItem(name: "archived", value: "true"), URLQueryItem(name: "limit", value: "100"),
                             URLQueryItem(name: "properties", value: Self.modifiedProperty)]
                if let after { query.append(URLQueryItem(name: "after", value: after)) }
                return HTTPRequest(.get, objectsURL(object), query: query, headers: ["Accept": "application/json"])
            }
            let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
            var deletes: [DeletedRecord] = []
            for result in try results(body, endpoint: endpoint) {
                guard let id = result[key: "id"]?.scalarText else {
                    throw ConnectorError.malformedResponse(remote: remote, endpoint: endpoint, reason: "an archived result has no id")
                }
                guard let archivedAt = result[key: "archivedAt"]?.stringValue.flatMap(HubSpotRecord.time)
                    ?? result.objectValue.flatMap(HubSpotRecord.modified)
                else {
                    throw ConnectorError.malformedResponse(remote: remote, endpoint: endpoint, reason: "archived object \(id) has no archivedAt")
                }
                newest = max(newest ?? .min, archivedAt)
                guard archivedAt >= floor, !memory.delivered(id: id, stamp: archivedAt) else { continue }
                memory.noteDelete(id: id, stamp: archivedAt)
                deletes.append(DeletedRecord(id: id, deletedAt: archivedAt))
            }
            if !deletes.isEmpty {
                try onPage(ChangePage(records: [], deletes: deletes, cursor: memory.cursor(deletesCoveredUntil: coveredBefore)))
                pages += 1
            }
            guard let next = body["paging"]?[key: "next"]?[key: "after"]?.scalarText, !next.isEmpty else { return nil }
            return next
        }
        return newest
    }
}
