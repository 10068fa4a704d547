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
}
