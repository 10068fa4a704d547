import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct PruneTests {
    static let day: Int64 = 86_400_000

    /// Old history of five links: L1 settled (prunable), L2 pending, L3 with an open
    /// conflict, L4 with a dead letter, L5 an intent settled only recently.
    func seedOldHistory(_ state: SyncState, _ clock: TestClock) throws -> (settled: Int64, late: Int64) {
        let links = (1...5).map { activeLink("L\($0)", crm: "C\($0)", prm: "P\($0)") }
        try state.recordPlan(PlanBatch(links: links))
        let plan = try state.recordPlan(PlanBatch(intents: (1...5).map {
            updateIntent(linkID: "L\($0)", crmID: "C\($0)", prmID: "P\($0)")
        }))
        let ids = plan.tickets.map(\.writeID)
        try state.recordOutcomes(OutcomeBatch(outcomes: [
            .applied(ids[0]), .applied(ids[2]),
            OutcomeDraft(writeID: ids[3], status: .dead, refusal: RemoteRefusal(message: "rejected")),
        ]))
        try state.recordPlan(PlanBatch(openedConflicts: [ConflictDraft(mapping: "deals", linkID: "L3", kind: .field, field: "amount")]))
        let cycle = try state.openCycle(mapping: "deals")
        try state.closeCycle(cycle, result: .ok)
        let older = try state.openCycle(mapping: "deals")
        try state.closeCycle(older, result: .ok)
        clock.advance(100 * Self.day)
        try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(ids[4])]))
        return (ids[0], ids[4])
    }

    @Test func pruneKeepsPendingAndOpenWorkAndDeletesTheRest() throws {
        try withState { state, clock, _ in
            let (settled, late) = try seedOldHistory(state, clock)
            let before = try state.journal(JournalQuery(limit: 1_000))
            let cutoff = clock.now - 90 * Self.day

            let dry = try state.prune(olderThan: cutoff, dryRun: true, by: "ops")
            #expect(dry.journalRows == 4 && dry.writes == 1 && dry.cycles == 1 && dry.journalSeq == nil)
            #expect(try state.journalCount() == before.count)

            let report = try state.prune(olderThan: cutoff, dryRun: false, by: "ops")
            #expect(report.journalRows == 4)
            #expect(report.journalRowsKept == before.filter { $0.at < cutoff }.count - 4)
            #expect(report.writes == 1 && report.cycles == 1)
            let after = try state.journal(JournalQuery(limit: 1_000))
            #expect(!after.contains { $0.writeID == settled })
            #expect(after.filter { $0.writeID == late }.count == 4)
            #expect(try state.pendingWrites().map(\.linkID) == ["L2"])
            for link in ["L2", "L3", "L4"] {
                #expect(after.filter { $0.linkID == link } == before.filter { $0.linkID == link })
            }
            #expect(try state.write(id: settled) == nil)
            let row = try #require(after.last)
            #expect(row.seq == report.journalSeq && row.operation == "prune" && row.mapping == SyncState.storeWideMapping)
            // The append-only trigger is back.
            #expect(throws: StoreError.self) { try state.database.execute("DELETE FROM journal") }
            #expect(try state.check().isSound)
            #expect(try state.cycles(mapping: "deals").count == 1)
        }
    }

    @Test func aFutureCutoffIsRefused() throws {
        try withState { state, clock, _ in
            _ = #expect(throws: StateError.self) { try state.prune(olderThan: clock.now + 1, dryRun: false, by: "ops") }
        }
    }
}
