import Foundation
import Sandbox
import SyncCore
@testable import Connectors

/// The PartnerStack-style stand-in on loopback and a connector pointed at it, on one manual clock.
struct PartnerStackFixture {
    let clock: ManualClock
    let api: PartnerStackAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: PartnerStackConnector

    init(options: [String: JSONValue] = [:], key: String = "ps-sandbox-key", maxAttempts: Int = 3,
         totalTimeout: Duration? = nil) throws {
        clock = ManualClock()
        api = PartnerStackAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        let remote = try PRMRemote(
            dialect: .partnerstack, baseURL: loopback.baseURL,
            auth: RemoteAuth(kind: .bearer, credentials: ["token": "partnerstack-key"]), options: options,
            secrets: ["partnerstack-key": key], sleeps: sleeps, maxAttempts: maxAttempts,
            totalTimeout: totalTimeout)
        connector = try PartnerStackConnector(remote: remote.remote, client: remote.client,
                                              credentials: remote.credentials, clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals, one stamp apart.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        try store.seed("deals", records: (start..<(start + count)).map { index in
            ["name": .string("Deal \(index)"), "amount": .number(Decimal(index * 10)), "external_key": .string("crm-\(index)")]
        })
    }

    func pull(_ since: PullCursor?, overlap: Int64 = 60_000) throws -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "deals", since: since, overlap: overlap)
    }
}
