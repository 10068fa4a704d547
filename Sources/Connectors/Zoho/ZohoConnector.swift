import Foundation
import SyncCore
import SyncHTTP

/// Zoho CRM (`dialect: "zoho"`), API v8: `{apiPath}/{Deals|Leads|…}` with OAuth refresh
/// tokens (`auth.kind: oauthRefreshToken`, `tokenURL` on the data centre's accounts
/// domain, e.g. `https://accounts.zoho.eu/oauth/v2/token`), sent as
/// `Authorization: Zoho-oauthtoken …`; requests go to the token's `api_domain` when it
/// names one, else to `baseURL`.
///
/// - Pull: `sort_by=Modified_Time&sort_order=asc&per_page=200` with `If-Modified-Since:
///   <since − overlap>` (304: nothing changed), following `info.next_page_token` (page
///   numbers stop at 2,000 records; tokens do not, and a token keeps its place when a
///   record is edited mid-pull, where a page number would shift). Then, for incremental
///   pulls, the deleted-records feed (`/{module}/deleted?type=all`, `If-Modified-Since`).
///   `Modified_Time` has whole seconds: see `SecondStamps`.
/// - Write: creates are `upsert` with `duplicate_check_fields: [externalIdField]` (a
///   unique custom field holding the PRM id, so a repeated create updates), updates are
///   `PUT /{module}` by id, deletes `DELETE /{module}?ids=`; ≤ 100 records a call, one
///   `{code, details, message, status}` result per record.
/// - Lookup: `/{module}/search?criteria=((F:equals:v)or…)`, 10 values a request.
///
/// Requests: a pull costs `ceil(N / 200)` (at least 1), plus one delete-feed page per 200
/// deletes (at least 1) when incremental; writes `ceil(n / 100)` per operation kind.
public final class ZohoConnector: Connector {
    public let limits: ConnectorLimits
    public let options: ZohoOptions
    let remoteName: String
    let baseURL: String
    let session: APISession
    let clock: ConnectorClock

    public static let maxBatch = 100
    static let searchValues = 10

    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let (options, problems) = ZohoOptions.read(remote.options)
        if !problems.isEmpty {
            throw .invalidConfiguration(remote: remote.name, reason: problems.joined(separator: "; "))
        }
        guard remote.auth.kind == .oauthRefreshToken else {
            throw .invalidConfiguration(remote: remote.name,
                                        reason: "auth.kind: Zoho needs oauthRefreshToken, not \(remote.auth.kind.rawValue)")
        }
        self.options = options
        self.clock = clock
        remoteName = remote.name
        baseURL = remote.baseURLForPaths
        session = try .forRemote(remote, oauthScheme: "Zoho-oauthtoken", client: client, credentials: credentials,
                                 clock: clock, tokenStore: tokenStore)
        limits = ConnectorLimits(maxPageSize: options.pageSize, maxBatch: Self.maxBatch, incrementalPull: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    /// `<api domain>{apiPath}/{module}[/{suffix}]`.
    func moduleURL(_ module: String, _ suffix: String? = nil, access: Authorizer.Access) throws(ConnectorError) -> String {
        guard module.isPlainPathSegment else {
            throw .invalidRequest(remote: remoteName, reason: "'\(module)' is not a Zoho module name")
        }
        var domain = access.instanceURL ?? baseURL
        if domain.hasSuffix("/") { domain.removeLast() }
        return domain + options.apiPath + "/" + module + (suffix.map { "/" + $0 } ?? "")
    }

    /// A GET that takes 204 (no records) and 304 (nothing modified) as answers.
    func read(_ url: String, query: [URLQueryItem], since: Int64?) -> HTTPRequest {
        var request = HTTPRequest(.get, url, query: query, headers: ["Accept": "application/json"])
        if let since { request.headers["If-Modified-Since"] = RemoteTimestamp.offsetForm(since) }
        request.acceptedStatuses = [200, 204, 304]
        return request
    }

    /// The `data` list of an answer; empty for 204 and 304.
    func data(_ response: HTTPResponse, endpoint: String) throws(ConnectorError) -> (items: [JSONValue], info: JSONValue?) {
        guard response.status == 200 else { return ([], nil) }
        let body = try ResponseBody.object(response, remote: remoteName, endpoint: endpoint)
        guard let items = body["data"]?.arrayValue else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "no data list")
        }
        return (items, body["info"])
    }

    func record(_ item: JSONValue, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard let id = item[key: "id"]?.scalarText, !id.isEmpty else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "a record without an id")
        }
        guard let text = item[key: "Modified_Time"]?.stringValue, let modified = RemoteTimestamp.parse(text) else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "record \(id) has no Modified_Time")
        }
        return NativeRecord(id: id, modifiedAt: modified, fields: item)
    }
}
