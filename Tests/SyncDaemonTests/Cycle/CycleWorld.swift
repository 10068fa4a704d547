import Foundation
import Synchronization
import Connectors
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The shipped service config and mapping files, pointed at an in-process sandbox on
/// loopback, with a state database in a temporary directory — everything on one manual
/// clock. `cycle(...)` runs one real sync cycle of a mapping.
final class CycleWorld {
    let clock: ManualClock
    let sandbox: SandboxEnvironment
    let server: SandboxServer
    let configuration: Configuration
    let connectors: ConnectorSet
    let state: SyncState
    let directory: String
    let time: VirtualTime
    private let links = LinkCounter()

    /// The repository's `config/` directory.
    static let configDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("config").path
    }()

    /// CRM partner accounts every world has.
    static let partnerAccounts = ["001000000000001AAA", "001000000000002AAA"]

    /// Secrets the sandbox accepts, under the credential names the shipped config uses.
    static let secrets = [
        "salesforce-client-id": "sandbox-sf-client", "salesforce-client-secret": "sandbox-sf-secret",
        "partner-portal-api-token": "prm-sandbox-key",
        "hubspot-private-app-token": "pat-sandbox-hubspot", "partnerstack-api-key": "ps-sandbox-key",
        "partner-api-key": "generic-sandbox-key", "pipedrive-api-token": "pd-sandbox-token",
        "zoho-client-id": "sandbox-zoho-client", "zoho-client-secret": "sandbox-zoho-secret",
        "zoho-refresh-token": "sandbox-zoho-refresh",
        "dataverse-client-id": "sandbox-dataverse-client", "dataverse-client-secret": "sandbox-dataverse-secret",
    ]

    /// - Parameters:
    ///   - serviceFile: the service config under `config/` whose loopback URLs are
    ///     replaced by the sandbox's (`from` → system).
    ///   - edit: changes the service config's text, as an admin would.
    ///   - adjust: changes to the remotes before the connectors are built (shorter timeouts).
    init(serviceFile: String = "channelsync.json5",
         urls: [String: SandboxSystem] = ["http://127.0.0.1:8443": .salesforce, "http://127.0.0.1:8445": .impartner],
         edit: (String) -> String = { $0 }, adjust: (inout [Remote]) -> Void = { _ in }) throws {
        let clock = ManualClock()
        self.clock = clock
        time = VirtualTime { clock.now() }
        sandbox = SandboxEnvironment(clock: clock)
        server = try SandboxServer(environment: sandbox)
        // The org (and its delete log) exists well before the records a test seeds.
        clock.advance(by: 3_600_000)
        let path = Self.configDirectory + "/" + serviceFile
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (url, system) in urls { text = text.replacingOccurrences(of: url, with: server.baseURL(system)) }
        let patched = edit(text)
        let loaded = ConfigLoader.load(path: path) { file in
            if file == path { return .success(Array(patched.utf8)) }
            guard let data = FileManager.default.contents(atPath: file) else { return .failure(.notFound) }
            return .success(Array(data))
        }
        switch loaded {
        case var .success(configuration):
            // Cycle tests count every Salesforce pull's delete-feed read (the daemon's default
            // reads it hourly; the bench and the connector tests cover that).
            for index in configuration.service.remotes.indices where configuration.service.remotes[index].dialect == .salesforce
                && configuration.service.remotes[index].options["deleteFeedInterval"] == nil {
                configuration.service.remotes[index].options["deleteFeedInterval"] = .number(0)
            }
            adjust(&configuration.service.remotes)
            self.configuration = configuration
        case let .failure(errors): throw TestFailure("the shipped config does not load: \(errors)")
        }
        connectors = try ConnectorSet(remotes: configuration.service.remotes, credentials: .fixed(Self.secrets),
                                      environment: time.environment, clock: ConnectorClock { clock.now() })
        // The partner accounts the fixtures' deals name: the shipped deals mapping checks a
        // registration's partner in the CRM (dealRegistration.partnerMatch).
        for id in Self.partnerAccounts {
            try sandbox.salesforce.store.seed("Account", fields: ["Name": .string("Partner \(id.suffix(4))"), "Type": .string("Partner")], id: id)
        }
        directory = try TemporaryDirectory.make()
        state = try SyncState.open(path: directory + "/" + SyncState.fileName, clock: { clock.now() })
    }

    deinit {
        try? state.close()
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func mapping(_ name: String) throws -> Mapping {
        guard let mapping = configuration.mapping(named: name) else { throw TestFailure("no mapping \(name)") }
        return mapping
    }

    /// Runs one cycle of `name` on this world's state.
    @discardableResult
    func cycle(_ name: String, settings: CycleSettings = CycleSettings(), on state: SyncState? = nil,
               connectors: ConnectorSet? = nil) throws -> CycleSummary {
        let mapping = try mapping(name)
        let pair = try (connectors ?? self.connectors).connectors(for: mapping)
        var settings = settings
        let counter = links
        settings.makeLinkID = { "\(name)-link-\(counter.next())" }
        let clock = clock
        let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: state ?? self.state,
                                  settings: settings, clock: { clock.now() })
        return try cycle.run()
    }

    /// Lets time pass (beyond the pull overlap), as between two scheduled cycles.
    func wait(minutes: Int64 = 5) {
        clock.advance(by: minutes * 60_000)
    }

    var salesforce: SandboxStore { sandbox.salesforce.store }
    var portal: SandboxStore { sandbox.impartner.store }

    /// Requests per route since the last `resetCounters()`.
    var requests: [String: Int] { sandbox.requestCounts }
}

/// Link ids in creation order, for readable failures.
final class LinkCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
