import Foundation
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// The Pipedrive stand-in on loopback and a connector pointed at it, on one manual clock:
/// a personal API token in `x-api-token` by default, or OAuth with a refresh token.
struct PipedriveFixture {
    let clock: ManualClock
    let api: PipedriveAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: PipedriveConnector
    let tokens: SavedTokens

    init(options: [String: JSONValue] = [:], oauth: Bool = false, token: String = "pd-sandbox-token",
         rateLimit: RateLimit? = nil) throws {
        clock = ManualClock()
        api = PipedriveAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        tokens = SavedTokens()
        let auth = oauth
            ? RemoteAuth(kind: .oauthRefreshToken, tokenURL: loopback.baseURL + "/oauth/token",
                         credentials: ["clientId": "pd-id", "clientSecret": "pd-secret", "refreshToken": "pd-refresh"])
            : RemoteAuth(kind: .apiKey, credentials: ["apiKey": "pipedrive-token"], header: "x-api-token")
        let remote = Remote(name: "pipedrive", dialect: .pipedrive, baseURL: loopback.baseURL, auth: auth, options: options)
        var settings = testRemote("pipedrive", redaction: KeyAuthentication.redaction(for: auth))
        settings.rateLimit = rateLimit
        let client = try HTTPClient(remote: settings, environment: sleeps.environment)
        let secrets = ["pipedrive-token": token, "pd-id": "sandbox-pd-client", "pd-secret": "sandbox-pd-secret",
                       "pd-refresh": "sandbox-pd-refresh"]
        connector = try PipedriveConnector(remote: remote, client: client, credentials: .fixed(secrets),
                                           clock: .manual(clock), tokenStore: tokens.store)
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals; the clock moves a second after each, as real edits would.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        try (start..<(start + count)).map { index in
            clock.advance(by: 1000)
            return try store.seed("deals", fields: [
                "title": .string("Deal \(index)"), "value": .number(Decimal(index * 10)), "status": .string("open"),
                "custom_fields": .object(["prm_id": .string("prm-\(index)")]),
            ])
        }
    }

    func pull(_ since: PullCursor?, overlap: Int64 = 60_000) throws -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "deals", since: since, overlap: overlap)
    }
}
