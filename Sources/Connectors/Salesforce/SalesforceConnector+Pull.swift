import Foundation
import SyncCore
import SyncHTTP

extension SalesforceConnector {
    /// Requests: `ceil(N / pageSize)` query pages (at least one) for the N rows changed
    /// since `highWater − overlap`, plus one delete-feed call on an incremental pull when
    /// the feed was last read more than `deleteFeedIntervalMillis` ago, plus a
    /// token request when no token is held. A first sync or a re-baseline reads every row.
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        try checkObject(request.object)
        for field in request.fields where !SOQLText.isIdentifier(field, dotted: true) {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(field)' is not a valid field name for \(request.object)")
        }
        let overlap = max(0, request.overlapMillis)
        let since = request.since
        var completeScan = since?.highWater == nil
        var coveredUntil = since?.deletesCoveredUntil
        var pendingDeletes: [String: Int64] = [:]
        if let since, let highWater = since.highWater, configuration.readsDeleteFeed,
           deleteFeedDue(coveredUntil: since.deletesCoveredUntil) {
            switch try readDeleteFeed(object: request.object, from: since.deletesCoveredUntil ?? highWater - overlap) {
            case .purged(let latest):
                completeScan = true
                coveredUntil = latest
            case .window(let deleted, let latest):
                pendingDeletes = deleted
                coveredUntil = max(coveredUntil ?? .min, latest)
            }
        }
        // Query pages carry the delete cursor as it was: the feed's entries are only
        // delivered (and the cursor moved) after the last page.
        let coveredBefore = completeScan ? nil : since?.deletesCoveredUntil
        var memory = OverlapMemory(cursor: completeScan ? nil : since, overlap: overlap,
                                   capacity: configuration.overlapMemory)
        var lower: Int64?
        if !completeScan, let highWater = since?.highWater { lower = highWater - overlap }
        let soql = Self.changeQuery(object: request.object, fields: request.fields, from: lower)
        let endpoint = "GET queryAll \(request.object)"
        var pages = 0
        try PageLoop.run(remote: remote, endpoint: endpoint) { (next: String?) throws -> String? in
            let response = try session.send(endpoint) { access in
                var http: HTTPRequest
                if let next {
                    http = HTTPRequest(.get, instanceURL(access, path: next))
                } else {
                    http = HTTPRequest(.get, dataURL(access) + "/queryAll", query: [URLQueryItem(name: "q", value: soql)])
                }
                http.headers["Accept"] = "application/json"
                if configuration.pageSize < 2000 { http.headers["Sforce-Query-Options"] = "batchSize=\(configuration.pageSize)" }
                return http
            }
            let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
            guard let rows = body["records"]?.arrayValue else {
                throw ConnectorError.malformedResponse(remote: remote, endpoint: endpoint, reason: "no records array")
            }
            var records: [NativeRecord] = []
            records.reserveCapacity(rows.count)
            for row in rows {
                let record = try SalesforceRecord.decode(row, remote: remote, endpoint: endpoint)
                if let deletedAt = pendingDeletes[record.id], record.modifiedAt >= deletedAt {
                    // The row is as new as the delete (its IsDeleted row, or restored since):
                    // the row tells the engine, the feed entry would repeat or contradict it.
                    pendingDeletes[record.id] = nil
                }
                if !completeScan, memory.delivered(id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                records.append(record)
            }
            if !records.isEmpty {
                try onPage(ChangePage(records: records, cursor: memory.cursor(deletesCoveredUntil: coveredBefore)))
                pages += 1
            }
            let done = body["done"]?.boolValue ?? true
            guard !done, let nextURL = body["nextRecordsUrl"]?.stringValue, !nextURL.isEmpty else { return nil }
            return nextURL
        }
        let deletes = pendingDeletes.filter { !memory.delivered(id: $0.key, stamp: $0.value) }
            .map { DeletedRecord(id: $0.key, deletedAt: $0.value) }
            .sorted { ($0.deletedAt, $0.id) < ($1.deletedAt, $1.id) }
        for delete in deletes { memory.noteDelete(id: delete.id, stamp: delete.deletedAt) }
        let final = memory.cursor(deletesCoveredUntil: coveredUntil)
        if !deletes.isEmpty {
            try onPage(ChangePage(records: [], deletes: deletes, cursor: final))
            pages += 1
        }
        return PullSummary(cursor: final, completeScan: completeScan, pages: pages)
    }

    /// `SELECT Id, SystemModstamp, IsDeleted, … FROM T [WHERE SystemModstamp >= t]
    /// ORDER BY SystemModstamp, Id`. The bound is rounded down to the second (SOQL's
    /// dateTime literals have no fraction), which only widens the overlap.
    static func changeQuery(object: String, fields: [String], from lower: Int64?) -> String {
        var soql = "SELECT " + SOQLText.selectList(ownFields, fields).joined(separator: ", ") + " FROM " + object
        if let lower {
            soql += " WHERE SystemModstamp >= " + RemoteTimestamp.soqlLiteral(lower)
        }
        return soql + " ORDER BY SystemModstamp, Id"
    }

    /// Whether an incremental pull reads the delete feed: never read, or read up to longer
    /// ago than the configured interval.
    func deleteFeedDue(coveredUntil: Int64?) -> Bool {
        guard let coveredUntil else { return true }
        return clock.now() - coveredUntil >= configuration.deleteFeedIntervalMillis
    }
}
