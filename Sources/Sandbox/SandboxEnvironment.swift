/// All the stand-ins over one clock: the sandbox as tests, the demo and benchmarks use
/// it. Each system has its own store (its own records, counters and faults).
///
/// ```swift
/// let clock = ManualClock()
/// let sandbox = SandboxEnvironment(clock: clock)
/// try sandbox.salesforce.store.seed("Opportunity", fields: [...])
/// sandbox.hubspot.store.inject(.status(429, retryAfter: "1"), route: "hubspot.search")
/// let response = sandbox.handle(request, system: .hubspot)   // or serve it on loopback
/// sandbox.count(route: "hubspot.search")
/// ```
public final class SandboxEnvironment: Sendable {
    public let clock: SandboxClock
    /// Set when the environment runs on a manual clock (the admin endpoint can move it).
    public let manualClock: ManualClock?
    public let salesforce: SalesforceAPI
    public let hubspot: HubSpotAPI
    public let impartner: ImpartnerAPI
    public let partnerStack: PartnerStackAPI
    public let generic: GenericAPI
    public let pipedrive: PipedriveAPI
    public let zoho: ZohoAPI
    public let dataverse: DataverseAPI
    let admin: SandboxAdmin

    /// On a manual clock: deterministic stamps, tokens expire only when the test says.
    public convenience init(configuration: SandboxConfiguration = SandboxConfiguration(),
                            clock: ManualClock = ManualClock()) {
        self.init(configuration: configuration, clock: .manual(clock), manualClock: clock)
    }

    /// On any clock, e.g. `.system` for `channelsync sandbox` and benchmarks.
    public convenience init(configuration: SandboxConfiguration, clock: SandboxClock) {
        self.init(configuration: configuration, clock: clock, manualClock: nil)
    }

    private init(configuration: SandboxConfiguration, clock: SandboxClock, manualClock: ManualClock?) {
        self.clock = clock
        self.manualClock = manualClock
        salesforce = SalesforceAPI(configuration: configuration.salesforce, clock: clock)
        hubspot = HubSpotAPI(configuration: configuration.hubspot, clock: clock)
        impartner = ImpartnerAPI(configuration: configuration.impartner, clock: clock)
        partnerStack = PartnerStackAPI(configuration: configuration.partnerStack, clock: clock)
        generic = GenericAPI(configuration: configuration.generic, clock: clock)
        pipedrive = PipedriveAPI(configuration: configuration.pipedrive, clock: clock)
        zoho = ZohoAPI(configuration: configuration.zoho, clock: clock)
        dataverse = DataverseAPI(configuration: configuration.dataverse, clock: clock)
        admin = SandboxAdmin()
    }

    public func api(_ system: SandboxSystem) -> any SandboxAPI {
        switch system {
        case .salesforce: return salesforce
        case .hubspot: return hubspot
        case .impartner: return impartner
        case .partnerstack: return partnerStack
        case .generic: return generic
        case .pipedrive: return pipedrive
        case .zoho: return zoho
        case .dataverse: return dataverse
        }
    }

    public func store(_ system: SandboxSystem) -> SandboxStore { api(system).store }

    /// Serves a request arriving on `system`'s listener: `/__admin/…` goes to the admin
    /// endpoint (not counted), everything else to the system's API.
    public func handle(_ request: HTTPServerRequest, system: SandboxSystem) -> SandboxResponse {
        if request.path == "/__admin" || request.path.hasPrefix("/__admin/") {
            return admin.handle(request, environment: self)
        }
        return api(system).handle(request)
    }

    // MARK: - Counters across systems

    /// Requests on a route (`hubspot.search`); the system is the name's prefix.
    public func count(route: String) -> Int {
        guard let prefix = route.split(separator: ".").first, let system = SandboxSystem(rawValue: String(prefix)) else { return 0 }
        return store(system).count(route: route)
    }

    /// Requests served by every system's API (admin requests are not counted).
    public var totalRequests: Int {
        SandboxSystem.allCases.reduce(0) { $0 + store($1).totalRequests }
    }

    /// Route name → requests, across systems.
    public var requestCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for system in SandboxSystem.allCases {
            counts.merge(store(system).requestCounts) { $0 + $1 }
        }
        return counts
    }

    public func resetCounters() {
        for system in SandboxSystem.allCases { store(system).resetCounters() }
    }

    public func clearFaults() {
        for system in SandboxSystem.allCases { store(system).clearFaults() }
    }
}
