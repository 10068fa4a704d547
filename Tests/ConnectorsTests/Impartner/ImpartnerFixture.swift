import Foundation
import Sandbox
import SyncCore
@testable import Connectors

/// The Impartner-style stand-in on loopback and a connector pointed at it, on one manual clock.
struct ImpartnerFixture {
    let clock: ManualClock
    let api: ImpartnerAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: ImpartnerConnector

    /// - Parameter credentials: where the key is read (default: `key`, fixed).
    init(options: [String: JSONValue] = [:], key: String = "prm-sandbox-key", maxAttempts: Int = 3,
         credentials: CredentialSource? = nil) throws {
        clock = ManualClock()
        api = ImpartnerAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        let remote = try PRMRemote(
            dialect: .impartner, baseURL: loopback.baseURL,
            auth: RemoteAuth(kind: .bearer, credentials: ["token": "portal-api-key"]), options: options,
            secrets: ["portal-api-key": key], sleeps: sleeps, maxAttempts: maxAttempts)
        connector = try ImpartnerConnector(remote: remote.remote, client: remote.client,
                                           credentials: credentials ?? remote.credentials,
                                           clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals, one stamp apart, named `Deal 0…`.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        try store.seed("Deal", records: (start..<(start + count)).map { index in
            ["name": .string("Deal \(index)"), "amount": .number(Decimal(index)), "externalId": .string("ext-\(index)"),
             "stage": .object(["name": .string("Open")])]
        })
    }

    func pull(_ since: PullCursor?, fields: [String] = ["name", "amount", "stage"], overlap: Int64 = 60_000) throws
        -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "Deal", fields: fields, since: since, overlap: overlap)
    }
}
