import Foundation
import SyncCore
import SyncHTTP

/// A PartnerStack-style API (`dialect: "partnerstack"`): `{apiPath}/{partnerships|customers|
/// deals|leads}` with bearer keys, cursor paging (`starting_after=<key>`, `limit` 1–250,
/// `has_more`), `min_updated` filters and times in epoch milliseconds, answers enveloped
/// in `{data: …, message, status}`; one record per write.
///
/// - Pull: `min_updated=<since − overlap>` in **creation order**, paged by the last item's
///   key. Creation order does not change when a record is edited, so an edit during paging
///   cannot move the cursor item past unread records (under `updated_at` order the API
///   would continue after the item's new place and skip everything in between). Pages are
///   therefore not in modification order: every page but the last carries the cursor the
///   pull started from, and the last one the new high-water mark. If the cursor item was
///   deleted meanwhile (400), the page is asked again after the item before it.
///   `(key, updated_at)` pairs already delivered in the overlap window are skipped. No
///   delete feed: deletes are only noticed by a full pull (`since == nil`).
/// - Lookup: the list has no field filter, so lookups read newest first until every value
///   is found or the list ends (crash recovery looks up recent creates: usually one page).
///
/// Requests: a pull costs `ceil(N / pageSize)` (at least 1) for N records changed since
/// `highWater − overlap`, plus one per vanished cursor item; each create, update and
/// delete costs 1; a lookup costs one per page read.
public final class PartnerStackConnector: Connector {
    public let limits: ConnectorLimits
    public let options: PartnerStackOptions
    let remoteName: String
    let apiURL: String
    let session: APISession

    /// Writes handed over at once (each is still one request).
    public static let maxBatch = 100
    /// Earlier keys of a page tried when the cursor item has vanished.
    static let cursorFallbacks = 3

    /// - Parameters:
    ///   - remote: the `partnerstack` remote: base URL, auth (`bearer`) and `options`
    ///     (`PartnerStackOptions`).
    ///   - client: the remote's HTTP client; its redaction must mask the key header.
    ///   - credentials: secrets by the names in `remote.auth.credentials`.
    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let (options, problems) = PartnerStackOptions.read(remote.options)
        if !problems.isEmpty {
            throw .invalidConfiguration(remote: remote.name, reason: problems.joined(separator: "; "))
        }
        self.options = options
        remoteName = remote.name
        apiURL = remote.baseURLForPaths + options.apiPath
        session = try .forRemote(remote, scheme: "Bearer", client: client, credentials: credentials, clock: clock,
                                 tokenStore: tokenStore)
        limits = ConnectorLimits(maxPageSize: options.pageSize, maxBatch: Self.maxBatch, incrementalPull: true,
                                 oneRequestPerWrite: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    /// `{apiPath}/{object}[/{key}]`, after checking the object is a plain path segment.
    func objectURL(_ object: String, key: String? = nil) throws(ConnectorError) -> String {
        let plain = !object.isEmpty && object.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
        guard plain else { throw .invalidRequest(remote: remoteName, reason: "'\(object)' is not a PartnerStack object name") }
        guard let key else { return apiURL + "/" + object }
        return apiURL + "/" + object + "/" + PathTemplate.encodeSegment(key)
    }

    /// One page of a list: `{data: {has_more, items}}`.
    func listPage(_ response: HTTPResponse, endpoint: String) throws(ConnectorError) -> (items: [NativeRecord], hasMore: Bool) {
        let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
        guard let data = body[key: "data"]?.objectValue, let items = data["items"]?.arrayValue else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no data.items list")
        }
        var records: [NativeRecord] = []
        records.reserveCapacity(items.count)
        for item in items { records.append(try record(item, endpoint: endpoint)) }
        return (records, data["has_more"]?.boolValue ?? false)
    }

    /// An item as a `NativeRecord`: `key` is its id, `updated_at` (epoch ms) its time.
    func record(_ item: JSONValue, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard let key = item[key: "key"]?.scalarText, !key.isEmpty else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "an item without a key")
        }
        guard let updated = item[key: "updated_at"]?.int64Value else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "item \(key) has no updated_at in epoch milliseconds")
        }
        return NativeRecord(id: key, modifiedAt: updated, fields: item)
    }
}
