import Foundation
import SyncCore
import SyncHTTP

extension ImpartnerConnector {
    /// Where the next list page starts: records with `updated ≥ lower`, skipping the
    /// `skip` already read at exactly `lower`.
    struct Window: Hashable {
        var lower: Int64?
        var skip: Int
    }

    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let url = try objectURL(request.object)
        for field in request.fields where !ImpartnerQuery.isPath(field) {
            throw ConnectorError.invalidRequest(remote: remoteName, reason: "'\(field)' is not a valid field name for \(request.object)")
        }
        let overlap = max(0, request.overlapMillis)
        let completeScan = request.since?.highWater == nil
        var memory = OverlapMemory(cursor: completeScan ? nil : request.since, overlap: overlap,
                                   capacity: options.overlapMemory)
        let first = Window(lower: request.since?.highWater.map { $0 - overlap }, skip: 0)
        let modified = options.modifiedField
        let take = options.pageSize
        let selection = request.fields.isEmpty ? nil : ImpartnerQuery.selection(own: ["id", modified], fields: request.fields)
        let endpoint = "GET \(request.object) list"
        let pages = try PageLoop.run(remote: remoteName, endpoint: endpoint, from: first) { (window: Window?) throws -> Window? in
            let window = window ?? first
            var query: [URLQueryItem] = []
            if let selection { query.append(URLQueryItem(name: "fields", value: selection)) }
            if let lower = window.lower {
                query.append(URLQueryItem(name: "filter", value: "\(modified) ge \(RemoteTimestamp.iso(lower))"))
            }
            query += [URLQueryItem(name: "orderby", value: "\(modified) asc, id asc"),
                      URLQueryItem(name: "take", value: String(take)), URLQueryItem(name: "skip", value: String(window.skip))]
            let response = try session.send(endpoint) { _ in
                HTTPRequest(.get, url, query: query, headers: ["Accept": "application/json"])
            }
            let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
            guard let data = Self.listData(body), let results = data["results"]?.arrayValue else {
                throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no results list")
            }
            var all: [NativeRecord] = []
            var fresh: [NativeRecord] = []
            for result in results {
                let record = try record(result, endpoint: endpoint)
                all.append(record)
                if !completeScan, memory.delivered(id: record.id, stamp: record.modifiedAt) { continue }
                memory.note(id: record.id, stamp: record.modifiedAt)
                fresh.append(record)
            }
            if !fresh.isEmpty {
                try onPage(ChangePage(records: fresh, cursor: memory.cursor(deletesCoveredUntil: nil)))
            }
            let total = data["count"]?.int64Value.map(Int.init)
            guard let last = all.last, all.count >= take, total.map({ window.skip + all.count < $0 }) ?? true else {
                return nil
            }
            let ties = all.reversed().prefix { $0.modifiedAt == last.modifiedAt }.count
            return Window(lower: last.modifiedAt, skip: ties + (last.modifiedAt == window.lower ? window.skip : 0))
        }
        return PullSummary(cursor: memory.cursor(deletesCoveredUntil: nil), completeScan: completeScan, pages: pages)
    }
}
