import Foundation
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// The Zoho stand-in on loopback and a connector pointed at it (OAuth refresh token), on
/// one manual clock.
struct ZohoFixture {
    let clock: ManualClock
    let api: ZohoAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: ZohoConnector
    let tokens: SavedTokens

    init(options: [String: JSONValue] = [:]) throws {
        clock = ManualClock()
        api = ZohoAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        tokens = SavedTokens()
        let auth = RemoteAuth(kind: .oauthRefreshToken, tokenURL: loopback.baseURL + "/oauth/v2/token",
                              credentials: ["clientId": "z-id", "clientSecret": "z-secret", "refreshToken": "z-refresh"])
        let remote = Remote(name: "zoho", dialect: .zoho, baseURL: "http://127.0.0.1:9", auth: auth, options: options)
        let client = try HTTPClient(remote: testRemote("zoho"), environment: sleeps.environment)
        let secrets = ["z-id": "sandbox-zoho-client", "z-secret": "sandbox-zoho-secret", "z-refresh": "sandbox-zoho-refresh"]
        connector = try ZohoConnector(remote: remote, client: client, credentials: .fixed(secrets), clock: .manual(clock),
                                      tokenStore: tokens.store)
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals, a second apart, then lets 10 s pass.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        let records = try store.seed("Deals", records: (start..<(start + count)).map { index in
            ["Deal_Name": .string("Deal \(index)"), "Amount": .number(Decimal(index)), "PRM_Deal_Id": .string("prm-\(index)")]
        })
        clock.advance(by: 10_000)
        return records
    }

    func pull(_ since: PullCursor?, overlap: Int64 = 60_000) throws -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "Deals", since: since, overlap: overlap)
    }
}
