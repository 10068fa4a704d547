import SyncCore
import SyncHTTP

/// Salesforce REST (sObjects, SOQL, sObject Collections) as a `Connector`.
///
/// - Auth: OAuth client-credentials or refresh-token flow against `loginURL`; the token is
///   loaded from the `TokenStore`, minted on first use, saved after every mint, and
///   re-minted once when a call answers 401 `INVALID_SESSION_ID`.
/// - Pull: `queryAll` on `SystemModstamp` (deleted rows included, `IsDeleted`), ordered by
///   `SystemModstamp, Id`, paged by `nextRecordsUrl`, re-reading an overlap window and
///   skipping `(id, modstamp)` pairs already delivered; on incremental pulls the
///   `deleted/` feed adds purged deletes, and a purged delete log (`earliestDateAvailable`
///   after the cursor) turns the pull into a complete scan.
/// - Write: sObject Collections — upsert by external id, update by id, create, delete —
///   200 records a call, `allOrNone: false`, per-record errors kept verbatim.
/// - Quota: `Sforce-Limit-Info` feeds `usage()` and the quota reserve; 403
///   `REQUEST_LIMIT_EXCEEDED` is `ConnectorError.quotaExhausted`.
///
/// Native records: `fields` is the SOQL record without `attributes`; relationship fields
/// stay nested (`Account.Name` resolves in `{"Account": {"Name": …}}`). `modifiedAt` is
/// `SystemModstamp` in epoch milliseconds; `deleted` is `IsDeleted`.
public final class SalesforceConnector: Connector {
    public let limits: ConnectorLimits
    let configuration: Configuration
    let session: APISession
    let clock: ConnectorClock

    /// Salesforce's own fields every pull selects.
    static let ownFields = ["Id", "SystemModstamp", "IsDeleted"]

    /// The redaction a Salesforce remote needs: the standard one plus SOQL's `q` parameter,
    /// because queries hold emails and names. Put it in the remote's `RemoteConfig`.
    public static let redaction = Redaction(secretQueryParameters: ["q"])

    /// - Parameters:
    ///   - client: the remote's HTTP client; its redaction must mask `q`
    ///     (`SalesforceConnector.redaction`), or SOQL with emails would reach error text.
    ///   - credentials: where the client id, secret and refresh token are read, at mint time.
    ///   - tokenStore: where minted tokens are kept between runs.
    ///   - clock: wall-clock time (token expiry, the delete feed's end).
    public init(
        configuration: Configuration, client: HTTPClient, credentials: CredentialSource,
        tokenStore: TokenStore = .none, clock: ConnectorClock = .system
    ) throws(ConnectorError) {
        let remote = client.remote.name
        if let problem = configuration.problem { throw .invalidConfiguration(remote: remote, reason: problem) }
        guard client.remote.redaction.isSecretQueryParameter("q") else {
            throw .invalidConfiguration(
                remote: remote,
                reason: "the HTTP client's redaction must mark the SOQL parameter 'q' secret (use SalesforceConnector.redaction)")
        }
        self.configuration = configuration
        self.clock = clock
        limits = ConnectorLimits(maxPageSize: configuration.pageSize, maxBatch: 200, incrementalPull: true)
        let usage = UsageMeter(remote: remote, reserve: configuration.quotaReserve, clock: clock)
        let tokens = TokenProvider(
            client: client, usage: usage, clock: clock, store: tokenStore, refreshMargin: 300_000,
            grant: Self.grant(configuration, credentials: credentials, remote: remote))
        session = APISession(client: client, authorizer: .oauth(tokens), usage: usage, rules: Self.rules)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    var remote: String { session.remote }

    /// `…/services/data/vNN.N` on the instance the token names.
    func dataURL(_ access: Authorizer.Access) -> String {
        let base = access.instanceURL ?? configuration.loginURL
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/services/data/" + configuration.apiVersion
    }

    /// An absolute URL for a path the API returned (`nextRecordsUrl`).
    func instanceURL(_ access: Authorizer.Access, path: String) -> String {
        let base = access.instanceURL ?? configuration.loginURL
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Checks an sObject name before it goes into a path or a query.
    func checkObject(_ object: String) throws(ConnectorError) {
        guard SOQLText.isIdentifier(object) else {
            throw .invalidRequest(remote: remote, reason: "'\(object)' is not a valid sObject name")
        }
    }

    // MARK: - Auth

    private static func grant(_ configuration: Configuration, credentials: CredentialSource, remote: String) -> TokenProvider.Grant {
        let names = configuration.credentialNames
        let base = configuration.loginURL.hasSuffix("/") ? String(configuration.loginURL.dropLast()) : configuration.loginURL
        let endpoint = base + "/services/oauth2/token"
        return { (previous: OAuthToken?) throws(ConnectorError) -> OAuthTokenRequest in
            let clientID = try credentials.secret(names.clientID, remote: remote)
            switch configuration.grant {
            case .clientCredentials:
                let secret = try credentials.secret(names.clientSecret, remote: remote)
                return OAuthTokenRequest(
                    endpoint: endpoint,
                    fields: [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", secret)],
                    secrets: [secret])
            case .refreshToken:
                let refresh: String
                if let kept = previous?.refreshToken {
                    refresh = kept
                } else {
                    refresh = try credentials.secret(names.refreshToken, remote: remote)
                }
                var fields: [(name: String, value: String)] = [
                    ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", clientID),
                ]
                var secrets = [refresh]
                if let secret = credentials.optionalSecret(names.clientSecret) {
                    fields.append(("client_secret", secret))
                    secrets.append(secret)
                }
                return OAuthTokenRequest(endpoint: endpoint, fields: fields, secrets: secrets)
            }
        }
    }

    static let rules = SessionRules(
        quota: { headers in headers["Sforce-Limit-Info"].flatMap(SalesforceLimitInfo.parse) },
        sessionExpired: { failure in
            guard failure.status == 401 else { return false }
            let code = RemoteErrorDetail.parse(failure.responseBody)?.code
            return code == nil || code == "INVALID_SESSION_ID"
        },
        classify: { failure, remote, _ in
            let detail = RemoteErrorDetail.parse(failure.responseBody)
            guard failure.status == 403, detail?.code == "REQUEST_LIMIT_EXCEEDED" else { return nil }
            let reading = failure.responseHeaders["Sforce-Limit-Info"].flatMap(SalesforceLimitInfo.parse)
            return .quotaExhausted(remote: remote, used: reading?.used, limit: reading?.limit,
                                   message: detail?.message ?? "REQUEST_LIMIT_EXCEEDED")
        })
}
