import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// An outcome row is never stamped before its intent row, whichever clock stamped the
/// intent (the cycle's `now` in `JournalDraft.at`) and whichever way the store's clock moved.
@Suite struct OutcomeTimeTests {
    /// Intents stamped an hour ahead of the store's clock (a cycle clock ahead, or the
    /// store's clock stepped back meanwhile).
    static func intentsAhead(_ state: SyncState, _ clock: TestClock) throws -> PlanReceipt {
        var create = createIntent(linkID: "L1", crmID: "006A")
        var update = updateIntent(linkID: "L2", crmID: "006B", prmID: "D2")
        let ahead = clock.now + 3_600_000
        create.entries = create.entries.map { var entry = $0; entry.at = ahead; return entry }
        update.entries = update.entries.map { var entry = $0; entry.at = ahead; return entry }
        return try state.recordPlan(PlanBatch(intents: [create, update],
                                              links: [activeLink("L1", crm: "006A", prm: nil), activeLink("L2", crm: "006B", prm: "D2")]))
    }

    static func expectNoOutcomeBeforeItsIntent(_ state: SyncState, expectedOutcomes: Int) throws {
        let rows = try state.journal(JournalQuery(limit: 20))
        let intents = Dictionary(uniqueKeysWithValues: rows.filter { $0.status == .pending }.map { ($0.seq, $0.at) })
        let outcomes = rows.filter { $0.intentSeq != nil }
        #expect(outcomes.count == expectedOutcomes)
        for outcome in outcomes {
            let intentAt = try #require(intents[outcome.intentSeq ?? -1])
            #expect(outcome.at >= intentAt, "outcome \(outcome.seq) at \(outcome.at) is older than its intent at \(intentAt)")
        }
    }

    @Test func outcomesRecordedWithTheIntentsAtHandAreNotOlder() throws {
        try withState { state, clock, _ in
            let receipt = try Self.intentsAhead(state, clock)
            clock.advance(10)
            try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(receipt.tickets[0].writeID, remoteID: "D1"),
                                                             OutcomeDraft(writeID: receipt.tickets[1].writeID, status: .failed,
                                                                          refusal: RemoteRefusal(message: "refused"))]))
            try Self.expectNoOutcomeBeforeItsIntent(state, expectedOutcomes: 3)
        }
    }

    /// Another connection (the sender thread, or a restart) copies the intent rows in SQL.
    @Test func outcomesCopiedFromTheJournalAreNotOlder() throws {
        try withState { state, clock, path in
            let receipt = try Self.intentsAhead(state, clock)
            let other = try SyncState.open(path: path, clock: { clock.now })
            defer { try? other.close() }
            try other.recordOutcomes(OutcomeBatch(outcomes: receipt.tickets.map { .applied($0.writeID, remoteID: "X\($0.writeID)") }))
            try Self.expectNoOutcomeBeforeItsIntent(state, expectedOutcomes: 3)
        }
    }

    /// With one clock for both, the outcome carries the time it was recorded.
    @Test func withOneClockTheOutcomeIsStampedWhenRecorded() throws {
        try withState { state, clock, _ in
            let receipt = try state.recordPlan(PlanBatch(intents: [createIntent(linkID: "L1", crmID: "006A")],
                                                         links: [activeLink("L1", crm: "006A", prm: nil)]))
            clock.advance(250)
            try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(receipt.tickets[0].writeID, remoteID: "D1")]))
            let rows = try state.journal(JournalQuery(limit: 10))
            #expect(rows.map(\.at) == [clock.now - 250, clock.now])
        }
    }
}
