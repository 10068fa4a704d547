import Foundation
import SyncCore
import SyncHTTP

extension GenericRESTConnector {
    /// Reads every record of `request.object`, page by page (the API has no change filter,
    /// so `request.since` only carries the high-water mark forward). A record met twice in
    /// one scan (an insert shifted an offset page) is delivered once.
    public func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
        let settings = options.settings(for: request.object)
        let reader = GenericRESTRecords(settings: settings)
        var constant = settings.list.query.map { URLQueryItem(name: $0.name, value: $0.value) }
        if let fieldsParam = settings.list.fieldsParam, !request.fields.isEmpty {
            var names = request.fields
            for extra in [settings.record.id.components.first, settings.record.modified?.components.first] {
                if let extra, !names.contains(extra) { names.append(extra) }
            }
            constant.append(URLQueryItem(name: fieldsParam, value: names.joined(separator: ",")))
        }
        let pager = GenericRESTPager(paging: settings.paging, baseURL: baseURL,
                                     listPath: settings.list.path.expand(object: request.object), constant: constant)
        let endpoint = "GET \(request.object) list"
        var seen = Set<String>()
        var highWater = request.since?.highWater
        var complete = true
        var pages = 0
        // A list that shifts under an overlap-checked scan is read again from the start,
        // once; if it shifts again the scan ends incomplete, so nothing is taken as deleted.
        for attempt in 1...2 {
            var previousPage = Set<String>()
            var restart = false
            pages += try PageLoop.run(remote: remoteName, endpoint: endpoint) { (marker: PageMarker?) throws -> PageMarker? in
                let response = try session.send(endpoint) { _ in pager.request(for: marker) }
                let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
                let records: [NativeRecord]
                let next: PageMarker?
                do {
                    records = try reader.list(body)
                    next = try pager.next(after: marker, body: body, headers: response.headers, received: records.count)
                } catch let problem as RecordProblem {
                    throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: problem.reason)
                } catch let problem as PagerProblem {
                    throw ConnectorError.malformedResponse(remote: remoteName, endpoint: endpoint, reason: problem.reason)
                }
                // The record asked for again is the previous page's last (in the API's own
                // order, which split arrays hide): steady, the page shares a record with
                // the previous one; shifted down by a delete, it shares none.
                if pager.overlaps(marker), !records.contains(where: { previousPage.contains($0.id) }) {
                    if attempt == 1 {
                        restart = true
                        return nil
                    }
                    complete = false
                }
                previousPage = Set(records.map(\.id))
                let fresh = records.filter { seen.insert($0.id).inserted }
                for record in fresh where record.modifiedAt > highWater ?? 0 { highWater = record.modifiedAt }
                if !fresh.isEmpty || next == nil {
                    try onPage(ChangePage(records: fresh, cursor: PullCursor(highWater: highWater)))
                }
                return next
            }
            if !restart { break }
        }
        return PullSummary(cursor: PullCursor(highWater: highWater), completeScan: complete, pages: pages)
    }
}
