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
        // Stamps are whole seconds: only a second before the one the last pull ended in is over.
        let settled = completeScan ? nil : request.since?.highWater.map { $0 - (($0 % 1000) + 1000) % 1000 }
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
                if let settled, record.modifiedAt < settled, memory.delivered(id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                fresh.append(record)
            }
            if !fresh.isEmpty || page.next == nil {
                try onPage(ChangePage(records: fresh, cursor: memory.cursor(deletesCoveredUntil: nil)))
            }
            return page.next
        }
        return PullSummary(cursor: memory.cursor(deletesCoveredUntil: nil), completeScan: completeScan, pages: pages)
    }
}
