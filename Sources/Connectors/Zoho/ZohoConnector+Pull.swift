import Foundation
import SyncCore
import SyncHTTP

extension ZohoConnector {
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let overlap = max(0, request.overlapMillis)
        let completeScan = request.since?.highWater == nil
        var memory = OverlapMemory(cursor: completeScan ? nil : request.since, overlap: overlap,
                                   capacity: options.overlapMemory)
        let now = clock.now()
        let stamps = SecondStamps(since: request.since, completeScan: completeScan, now: now)
        let since = completeScan ? nil : request.since?.highWater.map { $0 - overlap }
        // Deletes are read up to now; the next pull reads them again from here less the overlap.
        let deletesFrom = completeScan ? nil : (request.since?.deletesCoveredUntil ?? request.since?.highWater).map { $0 - overlap }
        let covered = completeScan || options.readsDeleteFeed ? now - SecondStamps.skewMillis : request.since?.deletesCoveredUntil
        var fields = request.fields.filter { !$0.isEmpty && $0 != "id" && $0 != "Modified_Time" }
        fields.append("Modified_Time")
        var query = [URLQueryItem(name: "fields", value: fields.joined(separator: ",")),
                     URLQueryItem(name: "sort_by", value: "Modified_Time"), URLQueryItem(name: "sort_order", value: "asc"),
                     URLQueryItem(name: "per_page", value: String(options.pageSize))]
        let endpoint = "GET \(request.object) list"
        var pages = try PageLoop.run(remote: remoteName, endpoint: endpoint) { (token: String?) throws -> String? in
            if let token { query.removeAll { $0.name == "page_token" }; query.append(URLQueryItem(name: "page_token", value: token)) }
            let response = try session.send(endpoint) { access throws(ConnectorError) in
                read(try moduleURL(request.object, access: access), query: query, since: since)
            }
            let page = try data(response, endpoint: endpoint)
            var fresh: [NativeRecord] = []
            for item in page.items {
                let record = try record(item, endpoint: endpoint)
                if stamps.alreadyDelivered(memory, id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                fresh.append(record)
            }
            let next = page.info?[key: "more_records"]?.boolValue == true ? page.info?[key: "next_page_token"]?.stringValue : nil
            if page.info?[key: "more_records"]?.boolValue == true, next == nil {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint,
                                                       reason: "more_records is true but there is no next_page_token")
            }
            let last = next == nil && (completeScan || !options.readsDeleteFeed)
            if !fresh.isEmpty || last {
                try onPage(ChangePage(records: fresh, cursor: stamps.cursor(&memory, deletesCoveredUntil: last ? covered : request.since?.deletesCoveredUntil)))
            }
            return next
        }
        if !completeScan, options.readsDeleteFeed {
            pages += try pullDeletes(request.object, since: deletesFrom, memory: &memory, stamps: stamps,
                                     previous: request.since?.deletesCoveredUntil, covered: covered, onPage: onPage)
        }
        return PullSummary(cursor: stamps.cursor(&memory, deletesCoveredUntil: covered), completeScan: completeScan, pages: pages)
    }

    /// The deleted-records feed since `since`, newest first, page by page; the last page
    /// carries the cursor with `covered`. A delete read again in the overlap is skipped
    /// while the memory still holds it.
    private func pullDeletes(_ module: String, since: Int64?, memory: inout OverlapMemory, stamps: SecondStamps,
                             previous: Int64?, covered: Int64?, onPage: (ChangePage) throws -> Void) throws -> Int {
        let endpoint = "GET \(module) deleted"
        var page = 1
        while true {
            let query = [URLQueryItem(name: "type", value: "all"), URLQueryItem(name: "per_page", value: String(options.pageSize)),
                         URLQueryItem(name: "page", value: String(page))]
            let response = try session.send(endpoint) { access throws(ConnectorError) in
                read(try moduleURL(module, "deleted", access: access), query: query, since: since)
            }
            let answer = try data(response, endpoint: endpoint)
            var deletes: [DeletedRecord] = []
            for item in answer.items {
                guard let id = item[key: "id"]?.scalarText,
                      let at = item[key: "deleted_time"]?.stringValue.flatMap(RemoteTimestamp.parse) else {
                    throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: "a deleted entry without id or deleted_time")
                }
                if memory.delivered(id: id, stamp: at) { continue }
                memory.noteDelete(id: id, stamp: at)
                deletes.append(DeletedRecord(id: id, deletedAt: at))
            }
            let more = answer.info?[key: "more_records"]?.boolValue == true && !answer.items.isEmpty
            if !deletes.isEmpty || !more {
                try onPage(ChangePage(records: [], deletes: deletes,
                                      cursor: stamps.cursor(&memory, deletesCoveredUntil: more ? previous : covered)))
            }
            guard more else { return page }
            page += 1
        }
    }
}
