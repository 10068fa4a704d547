import Foundation
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// A Salesforce stand-in on loopback and a connector pointed at it, on one manual clock.
struct SalesforceFixture {
    let clock: ManualClock
    let api: SalesforceAPI
    let loopback: SandboxLoopback
    let sleeps: RecordedSleeps
    let tokens: SavedTokens
    let connector: SalesforceConnector

    init(configure: (inout SalesforceConfiguration) -> Void = { _ in },
         connector adjust: (inout SalesforceConnector.Configuration) -> Void = { _ in },
         initialToken: ((SalesforceAPI, String) -> OAuthToken)? = nil, credentialOverrides: [String: String] = [:],
         maxAttempts: Int = 3) throws {
        clock = ManualClock()
        var configuration = SalesforceConfiguration()
        configure(&configuration)
        api = SalesforceAPI(configuration: configuration, clock: .manual(clock))
        // The org (and its delete log) exists well before the records the test seeds.
        clock.advance(by: 3_600_000)
        loopback = try SandboxLoopback(api)
        sleeps = RecordedSleeps()
        tokens = SavedTokens(initial: initialToken?(api, loopback.baseURL))
        var settings = SalesforceConnector.Configuration(loginURL: loopback.baseURL, quotaReserve: .none)
        adjust(&settings)
        let client = try HTTPClient(remote: testRemote("salesforce", redaction: SalesforceConnector.redaction,
                                                       maxAttempts: maxAttempts),
                                    environment: sleeps.environment)
        connector = try SalesforceConnector(
            configuration: settings, client: client,
            credentials: .fixed([
                "salesforce-client-id": configuration.clientID, "salesforce-client-secret": configuration.clientSecret,
                "salesforce-refresh-token": configuration.refreshTokens.first ?? "",
            ].merging(credentialOverrides) { $1 }),
            tokenStore: tokens.store, clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` opportunities, one stamp apart, named `Deal 0…`.
    @discardableResult
    func seedOpportunities(_ count: Int, prefix: String = "Deal") throws -> [SandboxRecord] {
        try store.seed("Opportunity", records: (0..<count).map { index in
            ["Name": .string("\(prefix) \(index)"), "StageName": .string("Prospecting"),
             "CloseDate": .string("2024-06-30"), "Amount": .number(Decimal(index))]
        })
    }

    /// Pulls to the end, collecting every page.
    func pull(_ since: PullCursor?, fields: [String] = ["Name", "Amount"], overlap: Int64 = 60_000) throws
        -> (pages: [ChangePage], summary: PullSummary) {
        var pages: [ChangePage] = []
        let summary = try connector.pull(PullRequest(object: "Opportunity", fields: fields, since: since,
                                                     overlapMillis: overlap)) { pages.append($0) }
        return (pages, summary)
    }
}

extension Array where Element == ChangePage {
    var records: [NativeRecord] { flatMap(\.records) }
    var deletes: [DeletedRecord] { flatMap(\.deletes) }
}
