import Foundation
import SyncCore
import SyncHTTP

/// Pipedrive (`dialect: "pipedrive"`), API v2: `{apiPath}/{deals|persons|organizations|…}`
/// with a personal API token (`auth.kind: apiKey`, `auth.header: "x-api-token"`) or OAuth
/// (`oauthRefreshToken`, bearer); answers `{success, data, additional_data: {next_cursor}}`.
///
/// - Pull: `updated_since=<since − overlap>` (RFC 3339, whole seconds, inclusive),
///   `sort_by=update_time&sort_direction=asc`, `limit` ≤ 500, following `next_cursor`.
///   Pages come in modification order, so each carries the cursor up to its last record.
///   Deals are listed with `status=open,won,lost,deleted` (`readsDeleted`): a deleted deal
///   (`is_deleted: true`, kept 30 days) arrives as a deleted record, with no extra request.
///   `update_time` has whole seconds: see `SecondStamps` for what is skipped as delivered.
/// - Write: no batch endpoints: one `POST`, `PATCH /{id}` or `DELETE /{id}` per record,
///   paced by the remote's request budget (the HTTP client's token bucket) and SyncHTTP's
///   429 handling (`Retry-After`).
/// - Lookup: the list newest first (`sort_by=add_time&sort_direction=desc`) until every value
///   is found in `externalIdField` (a custom field, `custom_fields.<key>`) or the list ends.
///
/// Requests: a pull costs `ceil(N / pageSize)` (at least 1) for N records (deleted deals
/// included) changed since `highWater − overlap`; each write costs 1; a lookup one per page.
public final class PipedriveConnector: Connector {
    public let limits: ConnectorLimits
    public let options: PipedriveOptions
    let remoteName: String
    let apiURL: String
    let session: APISession
    let clock: ConnectorClock

    /// Writes handed over at once (each is still one request).
    public static let maxBatch = 100

    /// - Parameters:
    ///   - remote: the `pipedrive` remote: base URL, auth and `options` (`PipedriveOptions`).
    ///   - client: the remote's HTTP client; its redaction must mask the token header.
    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let (options, problems) = PipedriveOptions.read(remote.options)
        if !problems.isEmpty {
            throw .invalidConfiguration(remote: remote.name, reason: problems.joined(separator: "; "))
        }
        self.options = options
        self.clock = clock
        remoteName = remote.name
        apiURL = remote.baseURLForPaths + options.apiPath
        session = try .forRemote(remote, client: client, credentials: credentials, clock: clock, tokenStore: tokenStore)
        // No batch endpoint: one request per record, so a stop waits for a few records only.
        limits = ConnectorLimits(maxPageSize: options.pageSize, maxBatch: Self.maxBatch, incrementalPull: true,
                                 oneRequestPerWrite: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    /// `{apiPath}/{object}[/{id}]`.
    func objectURL(_ object: String, id: String? = nil) throws(ConnectorError) -> String {
        guard object.isPlainPathSegment else {
            throw .invalidRequest(remote: remoteName, reason: "'\(object)' is not a Pipedrive entity name")
        }
        guard let id else { return apiURL + "/" + object }
        return apiURL + "/" + object + "/" + PathTemplate.encodeSegment(id)
    }

    /// One page of a list: the records and `additional_data.next_cursor`.
    func listPage(_ response: HTTPResponse, endpoint: String) throws(ConnectorError) -> (records: [NativeRecord], next: String?) {
        let body = try ResponseBody.object(response, remote: remoteName, endpoint: endpoint)
        guard let items = body["data"]?.arrayValue else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no data list")
        }
        var records: [NativeRecord] = []
        records.reserveCapacity(items.count)
        for item in items {
            guard let id = item[key: "id"]?.scalarText, !id.isEmpty else {
                throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "an item without an id")
            }
            guard let text = item[key: "update_time"]?.stringValue, let updated = RemoteTimestamp.parse(text) else {
                throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "item \(id) has no RFC 3339 update_time")
            }
            records.append(NativeRecord(id: id, modifiedAt: updated, fields: item,
                                        deleted: item[key: "is_deleted"]?.boolValue ?? false))
        }
        let next = body["additional_data"]?[key: "next_cursor"]?.stringValue
        return (records, next?.isEmpty == false ? next : nil)
    }

    /// A GET of one list page.
    func listRequest(_ url: String, _ query: [URLQueryItem], cursor: String?) -> HTTPRequest {
        var items = query
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        return HTTPRequest(.get, url, query: items, headers: ["Accept": "application/json"])
    }
}
