import Foundation
import SyncCore
import SyncHTTP

extension SalesforceConnector {
    /// Reads the delete log from `start` to now. One request; the API ignores seconds
    /// and wants the window to span more than a minute, so the end is at least two
    /// minutes after the start.
    func readDeleteFeed(object: String, from start: Int64) throws(ConnectorError) -> SalesforceDeleteFeed {
        let startMinute = start - ((start % 60_000) + 60_000) % 60_000
        let end = max(clock.now(), startMinute + 120_000)
        let endpoint = "GET sobjects/\(object)/deleted"
        let response: HTTPResponse
        do {
            response = try session.send(endpoint) { access in
                HTTPRequest(.get, dataURL(access) + "/sobjects/\(object)/deleted/", query: [
                    URLQueryItem(name: "start", value: RemoteTimestamp.offsetForm(startMinute)),
                    URLQueryItem(name: "end", value: RemoteTimestamp.offsetForm(end)),
                ], headers: ["Accept": "application/json"])
            }
        } catch .rejected(_, _, 400, let code, _) where code == "INVALID_REPLICATION_DATE" || code == "EXCEEDED_ID_LIMIT" {
            // The start is older than the log keeps (30 days) or the window is too big to
            // list: either way the feed cannot say what was deleted.
            return .purged(latestCovered: nil)
        }
        let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
        guard let latestText = body["latestDateCovered"]?.stringValue, let latest = RemoteTimestamp.parse(latestText) else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "no latestDateCovered")
        }
        if let earliestText = body["earliestDateAvailable"]?.stringValue {
            guard let earliest = RemoteTimestamp.parse(earliestText) else {
                throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "earliestDateAvailable '\(earliestText)' is not a timestamp")
            }
            if earliest > startMinute { return .purged(latestCovered: latest) }
        }
        var deleted: [String: Int64] = [:]
        for entry in body["deletedRecords"]?.arrayValue ?? [] {
            guard let id = entry[key: "id"]?.stringValue,
                let date = entry[key: "deletedDate"]?.stringValue.flatMap(RemoteTimestamp.parse)
            else {
                throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "a deletedRecords entry has no id or deletedDate")
            }
            deleted[id] = max(deleted[id] ?? .min, date)
        }
        return .window(deleted: deleted, latestCovered: latest)
    }
}
