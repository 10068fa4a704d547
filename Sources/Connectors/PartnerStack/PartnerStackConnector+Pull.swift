import Foundation
import SyncCore
import SyncHTTP

extension PartnerStackConnector {
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let url = try objectURL(request.object)
        let overlap = max(0, request.overlapMillis)
        let completeScan = request.since?.highWater == nil
        var memory = OverlapMemory(cursor: completeScan ? nil : request.since, overlap: overlap,
                                   capacity: options.overlapMemory)
        // What earlier pulls delivered, read from a copy: in creation order a newer stamp
        // can arrive first and move the live memory's window past entries still to be met.
        let earlier = completeScan ? [:] : request.since?.overlapSeen ?? [:]
        let lower = request.since?.highWater.map { $0 - overlap }
        // Pages come in creation order: until the last one, the cursor stays where the pull began.
        let startCursor = request.since ?? PullCursor()
        var delivered: [String: Int64] = [:]
        var pageKeys: [String] = []
        let endpoint = "GET \(request.object) list"
        let pages = try PageLoop.run(remote: remoteName, endpoint: endpoint) { (after: String?) throws -> String? in
            let page = try fetch(url, after: after, pageKeys: pageKeys, endpoint: endpoint) { cursor in
                var query = [URLQueryItem(name: "limit", value: String(options.pageSize)),
                             URLQueryItem(name: "order_by", value: "created_at")]
                if let lower { query.append(URLQueryItem(name: "min_updated", value: String(lower))) }
                if let cursor { query.append(URLQueryItem(name: "starting_after", value: cursor)) }
                return query
            }
            var fresh: [NativeRecord] = []
            for record in page.items {
                // Once per pull (a fallback re-reads a few), and once per overlap window.
                if delivered[record.id] == record.modifiedAt { continue }
                if earlier[record.id] == record.modifiedAt { continue }
                delivered[record.id] = record.modifiedAt
                memory.note(id: record.id, stamp: record.modifiedAt)
                fresh.append(record)
            }
            if page.hasMore, page.items.isEmpty {
                throw ConnectorError.pagingStalled(remote: remoteName, endpoint: endpoint, detail: "has_more is true on an empty page")
            }
            let last = !page.hasMore
            if !fresh.isEmpty || last {
                try onPage(ChangePage(records: fresh, cursor: last ? memory.cursor(deletesCoveredUntil: nil) : startCursor))
            }
            pageKeys = page.items.map(\.id)
            return last ? nil : pageKeys.last
        }
        return PullSummary(cursor: memory.cursor(deletesCoveredUntil: nil), completeScan: completeScan, pages: pages)
    }

    /// Reads the page after `after`; when the API refuses the cursor (its item was deleted
    /// since), after the items before it on the previous page instead.
    func fetch(_ url: String, after: String?, pageKeys: [String], endpoint: String,
               query: (String?) -> [URLQueryItem]) throws(ConnectorError) -> (items: [NativeRecord], hasMore: Bool) {
        var candidates: [String?] = [after]
        if let after, let index = pageKeys.lastIndex(of: after) {
            candidates += pageKeys[..<index].suffix(Self.cursorFallbacks).reversed().map { $0 }
        }
        var refusal: ConnectorError?
        for candidate in candidates {
            let items = query(candidate)
            do {
                let response = try session.send(endpoint) { _ in HTTPRequest(.get, url, query: items, headers: ["Accept": "application/json"]) }
                return try listPage(response, endpoint: endpoint)
            } catch {
                guard candidate != nil, case .rejected(_, _, 400, _, _) = error else { throw error }
                refusal = error
            }
        }
        throw refusal ?? .pagingStalled(remote: remoteName, endpoint: endpoint, detail: "no usable cursor")
    }
}
