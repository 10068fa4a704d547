import Foundation
import SyncCore
import SyncHTTP

extension PipedriveConnector {
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let url = try objectURL(request.object)
        let overlap = max(0, request.overlapMillis)
        let completeScan = request.since?.highWater == nil
        var memory = OverlapMemory(cursor: completeScan ? nil : request.since, overlap: overlap,
                                   capacity: options.overlapMemory)
        let stamps = SecondStamps(since: request.since, completeScan: completeScan, now: clock.now())
        var query = [URLQueryItem(name: "limit", value: String(options.pageSize)),
                     URLQueryItem(name: "sort_by", value: "update_time"),
                     URLQueryItem(name: "sort_direction", value: "asc")]
        if !completeScan, let highWater = request.since?.highWater {
            query.append(URLQueryItem(name: "updated_since", value: RemoteTimestamp.soqlLiteral(highWater - overlap)))
        }
        if options.readsDeleted, request.object == "deals" {
            query.append(URLQueryItem(name: "status", value: "open,won,lost,deleted"))
        }
        let endpoint = "GET \(request.object) list"
        let pages = try PageLoop.run(remote: remoteName, endpoint: endpoint) { (cursor: String?) throws -> String? in
            let response = try session.send(endpoint) { _ in listRequest(url, query, cursor: cursor) }
            let page = try listPage(response, endpoint: endpoint)
            var fresh: [NativeRecord] = []
            for record in page.records {
                if stamps.alreadyDelivered(memory, id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                fresh.append(record)
            }
            if !fresh.isEmpty || page.next == nil {
                try onPage(ChangePage(records: fresh, cursor: stamps.cursor(&memory, deletesCoveredUntil: nil)))
            }
            return page.next
        }
        return PullSummary(cursor: stamps.cursor(&memory, deletesCoveredUntil: nil), completeScan: completeScan, pages: pages)
    }
}
