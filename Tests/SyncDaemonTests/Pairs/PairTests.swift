import Testing
@testable import SyncDaemon

/// Issue 5: every CRM dialect with every PRM dialect, deals and leads, on the example
/// config shipped for the pair, through the same `SyncCycle` `channelsync once` runs.
@Suite("Pairs: each CRM with each PRM, deals and leads, on the shipped example configs")
struct PairTests {
    @Test("deals: created, edited and deleted on each side arrive; quiet cycles write nothing; minimum requests",
          arguments: PairCase.all)
    func deals(_ pair: PairCase) throws {
        let world = try CycleWorld(serviceFile: pair.serviceFile, urls: pair.urls)
        try PairRun(pair, pair.deals, world: world).run()
    }

    @Test("leads: created, edited and deleted on each side arrive; quiet cycles write nothing; minimum requests",
          arguments: PairCase.all)
    func leads(_ pair: PairCase) throws {
        let world = try CycleWorld(serviceFile: pair.serviceFile, urls: pair.urls)
        try PairRun(pair, pair.leads, world: world).run()
    }

    /// Several pages on every API (HubSpot searches 200 a page, PartnerStack lists 250,
    /// the generic API 100, Salesforce writes 200 a batch, HubSpot 100).
    @Test("first sync of 450 deals on each side: pages plus batches, within 5% of the minimum", arguments: PairCase.all)
    func dealsAtScale(_ pair: PairCase) throws {
        let world = try CycleWorld(serviceFile: pair.serviceFile, urls: pair.urls)
        try PairRun(pair, pair.deals, world: world).firstSync(count: 450)
    }
}
