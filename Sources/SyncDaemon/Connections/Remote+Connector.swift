import Connectors
import SyncCore
import SyncHTTP

extension Remote {
    /// The HTTP client settings for this remote: its timeouts, its request budget, and
    /// the redaction its connector requires (SOQL's `q` for Salesforce, the key header
    /// for key-authenticated APIs).
    public var httpSettings: RemoteConfig {
        let redaction: Redaction = switch dialect {
        case .salesforce: SalesforceConnector.redaction
        case .hubspot, .zoho, .dataverse: .standard
        case .impartner, .partnerstack, .rest, .pipedrive: KeyAuthentication.redaction(for: auth)
        }
        return RemoteConfig(name: name, timeouts: HTTPTimeouts(connect: timeouts.connect, total: timeouts.total),
                            rateLimit: RateLimit(requestsPerSecond: requestBudget.perSecond, burst: requestBudget.burst,
                                                 perDay: requestBudget.perDay),
                            redaction: redaction)
    }

    /// This remote's connector, speaking through `client`.
    public func connector(client: HTTPClient, credentials: CredentialSource, tokenStore: TokenStore,
                          clock: ConnectorClock) throws(CycleError) -> any Connector {
        do {
            switch dialect {
            case .salesforce:
                return try SalesforceConnector(configuration: try salesforceConfiguration(), client: client,
                                               credentials: credentials, tokenStore: tokenStore, clock: clock)
            case .hubspot:
                return try HubSpotConnector(configuration: try hubSpotConfiguration(), client: client,
                                            credentials: credentials, tokenStore: tokenStore, clock: clock)
            case .impartner:
                return try ImpartnerConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                              tokenStore: tokenStore)
            case .partnerstack:
                return try PartnerStackConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                                 tokenStore: tokenStore)
            case .pipedrive:
                return try PipedriveConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                              tokenStore: tokenStore)
            case .zoho:
                return try ZohoConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                         tokenStore: tokenStore)
            case .dataverse:
                return try DataverseConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                              tokenStore: tokenStore)
            case .rest:
                return try GenericRESTConnector(remote: self, client: client, credentials: credentials, clock: clock,
                                                tokenStore: tokenStore)
            }
        } catch let error as CycleError {
            throw error
        } catch {
            throw .connectorUnavailable(remote: name, reason: String(describing: error))
        }
    }

    /// `options`: `apiVersion` (`"62.0"` or `"v62.0"`), `pageSize` (200–2000),
    /// `readsDeleteFeed`, `deleteFeedInterval` (ms between delete-feed reads, default one
    /// hour; 0: every pull), `overlapMemory`, `quotaReserve` (0–1). Tokens are minted at the
    /// `auth.tokenURL`'s host (or `baseURL`).
    func salesforceConfiguration() throws(CycleError) -> SalesforceConnector.Configuration {
        var options = RemoteOptions(self)
        var configuration = SalesforceConnector.Configuration(loginURL: loginURL)
        if let version = options.text("apiVersion") {
            configuration.apiVersion = version.hasPrefix("v") ? version : "v" + version
        }
        if let size = options.integer("pageSize", in: 200...2000) { configuration.pageSize = size }
        if let feed = options.bool("readsDeleteFeed") { configuration.readsDeleteFeed = feed }
        configuration.deleteFeedIntervalMillis = Int64(options.integer("deleteFeedInterval", in: 0...86_400_000) ?? 3_600_000)
        if let memory = options.integer("overlapMemory", in: 0...1_000_000) { configuration.overlapMemory = memory }
        if let reserve = options.fraction("quotaReserve") { configuration.quotaReserve = QuotaReserve(fraction: reserve) }
        options.finish()
        switch auth.kind {
        case .oauthClientCredentials: configuration.grant = .clientCredentials
        case .oauthRefreshToken: configuration.grant = .refreshToken
        case .bearer, .apiKey, .none:
            throw .connectorUnavailable(remote: name, reason: "auth.kind: Salesforce needs oauthClientCredentials or oauthRefreshToken, not \(auth.kind.rawValue)")
        }
        var names = SalesforceConnector.Configuration.CredentialNames()
        if let id = auth.credentials["clientId"] { names.clientID = id }
        if let secret = auth.credentials["clientSecret"] { names.clientSecret = secret }
        if let refresh = auth.credentials["refreshToken"] { names.refreshToken = refresh }
        configuration.credentialNames = names
        guard options.problems.isEmpty else {
            throw .connectorUnavailable(remote: name, reason: options.problems.joined(separator: "; "))
        }
        return configuration
    }

    /// `options`: `pageSize` (1–200), `readsArchived`, `archivedListInterval` (ms),
    /// `overlapMemory`, `quotaReserve` (0–1).
    func hubSpotConfiguration() throws(CycleError) -> HubSpotConnector.Configuration {
        var options = RemoteOptions(self)
        var configuration = HubSpotConnector.Configuration(baseURL: baseURL)
        if let size = options.integer("pageSize", in: 1...200) { configuration.pageSize = size }
        if let archived = options.bool("readsArchived") { configuration.readsArchived = archived }
        if let interval = options.integer("archivedListInterval", in: 0...604_800_000) {
            configuration.archivedListIntervalMillis = Int64(interval)
        }
        if let memory = options.integer("overlapMemory", in: 0...1_000_000) { configuration.overlapMemory = memory }
        if let reserve = options.fraction("quotaReserve") { configuration.quotaReserve = QuotaReserve(fraction: reserve) }
        options.finish()
        switch auth.kind {
        case .bearer:
            configuration.authentication = .privateApp(tokenCredential: auth.credentials["token"] ?? "hubspot-private-app-token")
        case .oauthRefreshToken:
            var names = HubSpotConnector.Configuration.OAuthCredentialNames()
            if let id = auth.credentials["clientId"] { names.clientID = id }
            if let secret = auth.credentials["clientSecret"] { names.clientSecret = secret }
            if let refresh = auth.credentials["refreshToken"] { names.refreshToken = refresh }
            configuration.authentication = .oauth(names)
        case .oauthClientCredentials, .apiKey, .none:
            throw .connectorUnavailable(remote: name, reason: "auth.kind: HubSpot needs bearer (a private app token) or oauthRefreshToken, not \(auth.kind.rawValue)")
        }
        guard options.problems.isEmpty else {
            throw .connectorUnavailable(remote: name, reason: options.problems.joined(separator: "; "))
        }
        return configuration
    }

    /// Where Salesforce tokens are minted: the token URL's origin when it ends in the
    /// standard path, else the base URL.
    private var loginURL: String {
        let path = "/services/oauth2/token"
        if let tokenURL = auth.tokenURL, tokenURL.hasSuffix(path) { return String(tokenURL.dropLast(path.count)) }
        return baseURL
    }
}
