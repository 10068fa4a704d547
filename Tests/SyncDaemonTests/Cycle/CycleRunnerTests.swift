import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The cycle as the daemon's runtime calls it: a `CycleContext` in, a `CycleReport` out.
@Suite("Cycle: the runtime's entry point")
struct CycleRunnerTests {
    static func runner(_ world: CycleWorld) -> CycleRunner {
        let connectors = world.connectors
        return CycleRunner(databasePath: world.directory + "/" + SyncState.fileName) { _ in connectors }
    }

    static func context(_ world: CycleWorld, _ mapping: String, pages: Shared<Int>? = nil) -> CycleContext<Configuration> {
        CycleContext(mapping: mapping, config: world.configuration, logger: .disabled,
                     progress: { _ in pages?.update { $0 += 1 } })
    }

    @Test("a cycle reports records, requests, gauges and reached remotes")
    func report() throws {
        let world = try CycleWorld()
        try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        let runner = Self.runner(world)
        defer { runner.close() }
        let pages = Shared(0)
        let report = runner.run(Self.context(world, "deals", pages: pages))
        #expect(report.failure == nil)
        #expect(report.records[RecordOutcomeKey(direction: "to_prm", operation: "create", result: "applied")] == 1)
        #expect(report.requests["salesforce"]?["all"] == 2 && report.requests["partner-portal"]?["all"] == 2)
        #expect(report.remotes == ["salesforce": .reached, "partner-portal": .reached])
        #expect(report.pendingIntents == 0 && report.openConflicts == 0 && report.deadLetters == 0)
        #expect(report.summary == "1 created")
        #expect(pages.get == 2, "progress per page pulled (the portal had none) and per batch written")
    }

    @Test("an unreachable remote fails the cycle and counts against that remote only")
    func unreachable() throws {
        let world = try CycleWorld()
        let runner = Self.runner(world)
        defer { runner.close() }
        world.server.listener(.impartner)?.stop()
        let report = runner.run(Self.context(world, "deals"))
        let failure = try #require(report.failure)
        #expect(failure.contains("partner-portal"), "\(failure)")
        #expect(report.remotes["salesforce"] == .reached)
        guard case .failed? = report.remotes["partner-portal"] else {
            Issue.record("partner-portal should have failed: \(report.remotes)")
            return
        }
        let unknown = runner.run(Self.context(world, "nope"))
        #expect(unknown.failure?.contains("'nope'") == true)
    }
}
