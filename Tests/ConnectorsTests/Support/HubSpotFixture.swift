import Foundation
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// A HubSpot stand-in on loopback and a connector pointed at it, on one manual clock.
struct HubSpotFixture {
    let clock: ManualClock
    let api: HubSpotAPI
    let loopback: SandboxLoopback
    let sleeps: RecordedSleeps
    let tokens: SavedTokens
    let connector: HubSpotConnector

    init(configure: (inout HubSpotConfiguration) -> Void = { _ in },
         connector adjust: (inout HubSpotConnector.Configuration) -> Void = { _ in },
         credentialOverrides: [String: String] = [:], initialToken: OAuthToken? = nil, maxAttempts: Int = 3) throws {
        clock = ManualClock()
        var configuration = HubSpotConfiguration()
        configure(&configuration)
        api = HubSpotAPI(configuration: configuration, clock: .manual(clock))
        clock.advance(by: 3_600_000)
        loopback = try SandboxLoopback(api)
        sleeps = RecordedSleeps()
        tokens = SavedTokens(initial: initialToken)
        var settings = HubSpotConnector.Configuration(baseURL: loopback.baseURL, quotaReserve: .none)
        adjust(&settings)
        let client = try HTTPClient(remote: testRemote("hubspot", maxAttempts: maxAttempts), environment: sleeps.environment)
        connector = try HubSpotConnector(
            configuration: settings, client: client,
            credentials: .fixed([
                "hubspot-private-app-token": configuration.privateAppTokens.first ?? "",
                "hubspot-client-id": configuration.clientID, "hubspot-client-secret": configuration.clientSecret,
                "hubspot-refresh-token": configuration.refreshTokens.first ?? "",
            ].merging(credentialOverrides) { $1 }),
            tokenStore: tokens.store, clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals, one stamp apart.
    @discardableResult
    func seedDeals(_ count: Int, prefix: String = "Deal") throws -> [SandboxRecord] {
        try store.seed("deals", records: (0..<count).map { index in
            ["dealname": .string("\(prefix) \(index)"), "amount": .string(String(index)), "dealstage": .string("appointmentscheduled")]
        })
    }

    func pull(_ since: PullCursor?, fields: [String] = ["dealname", "amount"], overlap: Int64 = 60_000) throws
        -> (pages: [ChangePage], summary: PullSummary) {
        var pages: [ChangePage] = []
        let summary = try connector.pull(PullRequest(object: "deals", fields: fields, since: since, overlapMillis: overlap)) {
            pages.append($0)
        }
        return (pages, summary)
    }
}
