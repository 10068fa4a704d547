import SyncCore
import SyncHTTP

/// HubSpot CRM v3 objects (`deals`, `contacts`, `companies`, …) as a `Connector`.
///
/// - Auth: a private app's token, or OAuth with the refresh token exchanged for access
///   tokens that are refreshed before `expires_in` runs out (and once more if a call
///   still answers 401).
/// - Pull: the search API on `hs_lastmodifieddate` (ascending), `after` paging, and a new
///   search window from the last timestamp seen before paging would reach the 10,000
///   results one search serves, so any number of changes is read; ids already delivered
///   at the boundary are skipped. Archived records (search never shows them) come from
///   `GET /crm/v3/objects/{T}?archived=true` as deletes.
/// - Write: `batch/upsert` by a unique `idProperty`, `batch/create`, `batch/update`,
///   `batch/archive`, 100 inputs a call; a 207 fails only the inputs it names.
/// - Quota: `X-HubSpot-RateLimit-Daily[-Remaining]` feeds `usage()` and the quota reserve;
///   429s are retried by SyncHTTP; a daily-limit 429 is `ConnectorError.quotaExhausted`.
///
/// Native records: `fields` is the object's `properties` (so mappings say `amount`,
/// `dealstage`, not `properties.amount`); values are HubSpot's strings. `modifiedAt` is
/// `hs_lastmodifieddate` in epoch milliseconds; `deleted` is `archived`.
public final class HubSpotConnector: Connector {
    public let limits: ConnectorLimits
    let configuration: Configuration
    let session: APISession
    let clock: ConnectorClock

    static let modifiedProperty = "hs_lastmodifieddate"

    /// - Parameters:
    ///   - client: the remote's HTTP client (the `Authorization` header is always redacted).
    ///   - credentials: where the private-app token or OAuth client and refresh token are read.
    ///   - tokenStore: where OAuth access tokens (and a rotated refresh token) are kept.
    ///   - clock: wall-clock time, for token expiry.
    public init(
        configuration: Configuration, client: HTTPClient, credentials: CredentialSource,
        tokenStore: TokenStore = .none, clock: ConnectorClock = .system
    ) throws(ConnectorError) {
        let remote = client.remote.name
        if let problem = configuration.problem { throw .invalidConfiguration(remote: remote, reason: problem) }
        self.configuration = configuration
        self.clock = clock
        limits = ConnectorLimits(maxPageSize: configuration.pageSize, maxBatch: 100, incrementalPull: true)
        let usage = UsageMeter(remote: remote, reserve: configuration.quotaReserve, clock: clock)
        let authorizer: Authorizer
        switch configuration.authentication {
        case .privateApp(let name):
            authorizer = .staticHeader(name: "Authorization", prefix: "Bearer ", credential: name, credentials: credentials)
        case .oauth(let names):
            let endpoint = Self.trimmed(configuration.baseURL) + "/oauth/v1/token"
            authorizer = .oauth(TokenProvider(
                client: client, usage: usage, clock: clock, store: tokenStore,
                refreshMargin: configuration.refreshMarginMillis,
                grant: { (previous: OAuthToken?) throws(ConnectorError) -> OAuthTokenRequest in
                    let clientID = try credentials.secret(names.clientID, remote: remote)
                    let secret = try credentials.secret(names.clientSecret, remote: remote)
                    let refresh: String
                    if let kept = previous?.refreshToken {
                        refresh = kept
                    } else {
                        refresh = try credentials.secret(names.refreshToken, remote: remote)
                    }
                    return OAuthTokenRequest(endpoint: endpoint, fields: [
                        ("grant_type", "refresh_token"), ("client_id", clientID), ("client_secret", secret),
                        ("refresh_token", refresh),
                    ], secrets: [secret, refresh])
                }))
        }
        session = APISession(client: client, authorizer: authorizer, usage: usage, rules: Self.rules)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    var remote: String { session.remote }

    /// `{baseURL}/crm/v3/objects/{object}`.
    func objectsURL(_ object: String) -> String {
        Self.trimmed(configuration.baseURL) + "/crm/v3/objects/" + object
    }

    func checkObject(_ object: String) throws(ConnectorError) {
        guard Self.isName(object) else {
            throw .invalidRequest(remote: remote, reason: "'\(object)' is not a valid HubSpot object type")
        }
    }

    /// Object types (`deals`, `p_widgets`, `2-1234567`) and property names: letters,
    /// digits, `_` and `-`, so they are safe in a path.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D
        }
    }

    static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    static let rules = SessionRules(
        quota: HubSpotRateLimit.daily,
        sessionExpired: { $0.status == 401 },
        classify: { failure, remote, _ in
            guard HubSpotRateLimit.isDailyLimit(failure) else { return nil }
            let detail = RemoteErrorDetail.parse(failure.responseBody)
            let reading = HubSpotRateLimit.daily(failure.responseHeaders)
            return .quotaExhausted(remote: remote, used: reading?.used, limit: reading?.limit,
                                   message: detail?.message ?? "the daily request limit is reached")
        })
}
