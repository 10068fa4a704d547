import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The daemon's cycle stamps its state with its own (injected) clock: intents, outcomes and
/// the cycle's row share one clock, so `channelsync journal` never shows an outcome older
/// than its intent, even when that clock is far from the machine's.
@Suite("Cycle: one clock for the journal")
struct CycleRunnerClockTests {
    @Test func intentsOutcomesAndTheCycleRowCarryTheCyclesClock() throws {
        let world = try CycleWorld()
        try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        let future: Int64 = 4_102_444_800_000  // 2100-01-01, far from the machine's clock
        let connectors = world.connectors
        let path = world.directory + "/" + SyncState.fileName
        let runner = CycleRunner(databasePath: path, connectors: { _ in connectors }, clock: { future })
        let report = runner.run(CycleRunnerTests.context(world, "deals"))
        runner.close()
        #expect(report.failure == nil && report.summary == "1 created", "\(String(describing: report.failure))")

        let state = try SyncState.openReadOnly(path: path)
        defer { try? state.close() }
        let rows = try state.journal(JournalQuery(mapping: "deals", limit: 50))
        let intents = rows.filter { $0.status == .pending }
        let outcomes = rows.filter { $0.intentSeq != nil }
        #expect(!intents.isEmpty && outcomes.count == intents.count, "\(rows.map { ($0.seq, $0.status) })")
        #expect(rows.allSatisfy { $0.at == future }, "\(rows.map { ($0.seq, $0.status, $0.at) })")
        #expect(try state.cycles(mapping: "deals").allSatisfy { $0.startedAt == future })
    }
}
