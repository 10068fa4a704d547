import Foundation
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// The Dataverse stand-in on loopback and a connector pointed at it (OAuth client
/// credentials against the Entra look-alike), on one manual clock.
struct DataverseFixture {
    let clock: ManualClock
    let api: DataverseAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: DataverseConnector

    init(options: [String: JSONValue] = [:]) throws {
        clock = ManualClock()
        api = DataverseAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        let auth = RemoteAuth(kind: .oauthClientCredentials, tokenURL: loopback.baseURL + "/sandbox-tenant/oauth2/v2.0/token",
                              credentials: ["clientId": "d-id", "clientSecret": "d-secret"])
        let remote = Remote(name: "dataverse", dialect: .dataverse, baseURL: loopback.baseURL, auth: auth, options: options)
        let client = try HTTPClient(remote: testRemote("dataverse"), environment: sleeps.environment)
        let secrets = ["d-id": "sandbox-dataverse-client", "d-secret": "sandbox-dataverse-secret"]
        connector = try DataverseConnector(remote: remote, client: client, credentials: .fixed(secrets), clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` opportunities, then lets 10 s pass.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        let records = try store.seed("opportunities", records: (start..<(start + count)).map { index in
            ["name": .string("Deal \(index)"), "estimatedvalue": .number(Decimal(index)), "prm_dealid": .string("prm-\(index)")]
        })
        clock.advance(by: 10_000)
        return records
    }

    func pull(_ since: PullCursor?) throws -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "opportunities", fields: ["name", "estimatedvalue", "prm_dealid"], since: since)
    }
}
