import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct WriteProtocolTests {
    @Test func intentsAreCommittedPendingAndBlockTheCursor() throws {
        try withState { state, _, _ in
            let cycle = try state.openCycle(mapping: "deals")
            let receipt = try state.recordPlan(PlanBatch(
                intents: [createIntent(linkID: "L1", crmID: "006A"), updateIntent(linkID: "L2", crmID: "006B", prmID: "D2")],
                links: [activeLink("L1", crm: "006A", prm: nil), activeLink("L2", crm: "006B", prm: "D2")]), cycle: cycle)
            #expect(receipt.tickets.count == 2)
            #expect(receipt.tickets[1].seqs.count == 2)
            let pending = try state.pendingWrites(mapping: "deals")
            #expect(pending.map(\.id) == receipt.tickets.map(\.writeID))
            #expect(pending[1].intentSeqs == receipt.tickets[1].seqs)
            #expect(try state.pendingIntentCount() == 2)
            let rows = try state.journal(JournalQuery(limit: 10))
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0.status == .pending && $0.cycleID == cycle })
            #expect(rows[0].linkID == "L1")

            #expect(throws: StateError.pendingIntents(mapping: "deals", count: 2)) {
                try state.saveCursor(mapping: "deals", side: .crm, value: #"{"highWater":5}"#, highWater: 5)
            }
            #expect(try state.cursor(mapping: "deals", side: .crm) == nil)
            // Another mapping is not held back.
            try state.saveCursor(mapping: "leads", side: .crm, value: "{}", highWater: nil)
        }
    }

    @Test func outcomesAreNewRowsThatSettleEveryIntentOfTheWrite() throws {
        try withState { state, clock, _ in
            let receipt = try state.recordPlan(PlanBatch(
                intents: [createIntent(linkID: "L1", crmID: "006A"), updateIntent(linkID: "L2", crmID: "006B", prmID: "D2")],
                links: [activeLink("L1", crm: "006A", prm: nil), activeLink("L2", crm: "006B", prm: "D2")]))
            clock.advance(250)
            let shadow = ShadowRecord(linkID: "L1", crmValues: #"{"name":{"string":"x"}}"#, prmValues: #"{"name":{"string":"x"}}"#,
                                      crmModifiedAt: 10, prmModifiedAt: 20)
            try state.recordOutcomes(OutcomeBatch(
                outcomes: [.applied(receipt.tickets[0].writeID, remoteID: "D1"), .applied(receipt.tickets[1].writeID)],
                shadows: [shadow]))
            #expect(try state.pendingIntentCount() == 0)
            let rows = try state.journal(JournalQuery(limit: 10))
            #expect(rows.map(\.status) == [.pending, .pending, .pending, .applied, .applied, .applied])
            #expect(rows[3].intentSeq == rows[0].seq)
            #expect(rows[3].prmID == "D1")
            #expect(rows[3].rule == "create")
            #expect(rows[3].at == rows[0].at + 250)
            #expect(rows[4].intentSeq == rows[1].seq && rows[5].intentSeq == rows[2].seq)
            #expect(try state.link(id: "L1")?.prmID == "D1")
            let saved = try #require(try state.shadow(linkID: "L1"))
            #expect(saved.crmHash == ContentHash.hex(shadow.crmValues) && saved.crmModifiedAt == 10)
            // The cursor may advance now.
            try state.saveCursor(mapping: "deals", side: .prm, value: #"{"highWater":99}"#, highWater: 99)
            #expect(try state.cursor(mapping: "deals", side: .prm)?.highWater == 99)
            // An outcome recorded twice is a caller bug, refused whole.
            #expect(throws: StateError.writeNotPending(writeID: receipt.tickets[0].writeID)) {
                try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(receipt.tickets[0].writeID)]))
            }
            #expect(throws: StateError.writeNotPending(writeID: 999)) {
                try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(999)]))
            }
            #expect(try state.journalCount() == 6)
        }
    }

    @Test func anotherProcessCanRecordTheOutcomesFromTheJournalAlone() throws {
        try withState { state, _, path in
            let cycle = try state.openCycle(mapping: "deals")
            let receipt = try state.recordPlan(PlanBatch(
                intents: [createIntent(linkID: "L1", crmID: "006A"), updateIntent(linkID: "L2", crmID: "006B", prmID: "D2")],
                links: [activeLink("L1", crm: "006A", prm: nil), activeLink("L2", crm: "006B", prm: "D2")]), cycle: cycle)
            // A second connection knows nothing but what is in the file.
            let other = try SyncState.open(path: path)
            defer { try? other.close() }
            try other.recordOutcomes(OutcomeBatch(outcomes: [
                .applied(receipt.tickets[0].writeID, remoteID: "D1"),
                OutcomeDraft(writeID: receipt.tickets[1].writeID, status: .dead, refusal: RemoteRefusal(httpStatus: 400, message: "no")),
            ]))
            let rows = try state.journal(JournalQuery(limit: 10))
            #expect(rows.count == 6)
            #expect(rows[3].prmID == "D1" && rows[3].intentSeq == rows[0].seq && rows[3].cycleID == cycle)
            #expect(rows[4].status == .dead && rows[5].intentSeq == rows[2].seq && rows[5].rule == "policy.prm")
            #expect(rows[5].error == "HTTP 400: no")
            #expect(try state.link(id: "L1")?.prmID == "D1")
            // The first connection's memory of the intents does not let it record them again.
            #expect(throws: StateError.writeNotPending(writeID: receipt.tickets[0].writeID)) {
                try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(receipt.tickets[0].writeID)]))
            }
            #expect(try state.journalCount() == 6)
            #expect(try state.check().isSound)
        }
    }

    @Test func aFailedWriteIsRetriedBehindANewIntentAndClosedWhenApplied() throws {
        try withState { state, _, _ in
            let receipt = try state.recordPlan(PlanBatch(intents: [createIntent(linkID: "L1", crmID: "006A")],
                                                         links: [activeLink("L1", crm: "006A", prm: nil)]))
            let writeID = receipt.tickets[0].writeID
            let refusal = RemoteRefusal(httpStatus: 503, code: "UNAVAILABLE", message: "try later")
            try state.recordOutcomes(OutcomeBatch(outcomes: [OutcomeDraft(writeID: writeID, status: .failed, refusal: refusal)]))
            let failures = try state.failures()
            #expect(failures.count == 1)
            #expect(failures[0].state == .retry && failures[0].attempts == 1 && failures[0].refusal == refusal)
            #expect(failures[0].externalID == "006A" && failures[0].payload == #"{"name":"x"}"#)
            let outcome = try #require(try state.journal(JournalQuery(status: .failed)).first)
            #expect(outcome.error == "HTTP 503 UNAVAILABLE: try later")

            let due = try state.dueRetries(mapping: "deals")
            #expect(due.map(\.id) == [failures[0].id])
            let resend = try state.recordPlan(PlanBatch(intents: [IntentDraft.resend(due[0])]))
            // While the resend is pending it is not due again.
            #expect(try state.dueRetries(mapping: "deals").isEmpty)
            let resendWrite = try #require(try state.write(id: resend.tickets[0].writeID))
            #expect(resendWrite.attempt == 2 && resendWrite.retryOf == failures[0].id && resendWrite.operation == .create)

            try state.recordOutcomes(OutcomeBatch(outcomes: [
                OutcomeDraft(writeID: resendWrite.id, status: .dead, refusal: RemoteRefusal(httpStatus: 400, message: "bad"))]))
            let dead = try #require(try state.failure(id: failures[0].id))
            #expect(dead.state == .dead && dead.attempts == 2 && dead.refusal.message == "bad")
            #expect(try state.dueRetries(mapping: "deals").isEmpty)

            let seq = try state.requeueFailure(id: dead.id, by: "ops")
            #expect(try state.failure(id: dead.id)?.state == .requeued)
            let journaled = try #require(try state.journal(JournalQuery(operation: "retry")).first)
            #expect(journaled.seq == seq && journaled.status == .applied && journaled.detail?.contains("requeued by ops") == true)
            #expect(throws: StateError.failureNotDead(id: dead.id, state: "requeued")) {
                try state.requeueFailure(id: dead.id, by: "ops")
            }
            #expect(throws: StateError.failureNotFound(id: 4242)) { try state.requeueFailure(id: 4242, by: "ops") }

            let again = try state.recordPlan(PlanBatch(intents: [IntentDraft.resend(try state.dueRetries(mapping: "deals")[0])]))
            try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(again.tickets[0].writeID, remoteID: "D1")]))
            let closed = try #require(try state.failure(id: dead.id))
            #expect(closed.state == .closed && closed.closedAt != nil)
            #expect(try state.failures().isEmpty)
            #expect(try state.link(id: "L1")?.prmID == "D1")
        }
    }

    @Test func resolvePendingAppliesRequeuesOrBuriesEachWriteAndMarksCyclesInterrupted() throws {
        try withState { state, _, _ in
            let cycle = try state.openCycle(mapping: "deals")
            let receipt = try state.recordPlan(PlanBatch(
                intents: [createIntent(linkID: "L1", crmID: "A"), createIntent(linkID: "L2", crmID: "B"),
                          createIntent(linkID: "L3", crmID: "C"), createIntent(linkID: "L4", crmID: "D")],
                links: ["L1", "L2", "L3", "L4"].map { activeLink($0, crm: String($0.last!), prm: nil) }), cycle: cycle)
            let ids = receipt.tickets.map(\.writeID)
            var seen: [String?] = []
            let report = try state.resolvePending { writes in
                seen = writes.map(\.externalID)
                return [ids[0]: .applied(remoteID: "P1"), ids[1]: .notApplied, ids[2]: .unknown(reason: "no external id")]
            }
            #expect(seen == ["A", "B", "C", "D"])
            #expect(report == RecoveryReport(applied: 1, requeued: 1, dead: 1, interruptedCycles: 1))
            #expect(try state.cycles(mapping: "deals").first?.result == .interrupted)
            #expect(try state.link(id: "L1")?.prmID == "P1")
            #expect(try state.pendingWrites().map(\.id) == [ids[3]])
            let failures = try state.failures()
            #expect(failures.map(\.state) == [.retry, .dead])
            #expect(failures[0].refusal.code == "INTERRUPTED")
            #expect(try state.dueRetries(mapping: "deals").map(\.writeID) == [ids[1]])
            // A lookup that throws commits nothing.
            struct Down: Error {}
            #expect(throws: Down.self) { try state.resolvePending { _ in throw Down() } }
            #expect(try state.pendingWrites().map(\.id) == [ids[3]])
        }
    }

    @Test func decisionsAreFinalAtOnceAndPendingIsRefusedForThem() throws {
        try withState { state, _, _ in
            let seqs = try state.recordDecisions([
                DecisionDraft(JournalDraft(mapping: "deals", linkID: "L1", operation: "none", rule: "echo.suppressed"), status: .skipped),
                DecisionDraft(JournalDraft(mapping: "deals", linkID: "L1", operation: "link", rule: "link.externalId"), status: .applied),
            ])
            #expect(seqs.count == 2 && seqs[1] == seqs[0] + 1)
            #expect(try state.pendingIntentCount() == 0)
            #expect(throws: StateError.self) {
                try state.recordDecisions([DecisionDraft(JournalDraft(mapping: "deals", operation: "link"), status: .pending)])
            }
            #expect(throws: StateError.self) {
                try state.recordPlan(PlanBatch(intents: [IntentDraft(mapping: "deals", linkID: nil,
                                                                     write: WriteDraft(side: .crm, operation: .update), entries: [])]))
            }
        }
    }

    @Test func cyclesRecordCountsAndUsageAndStatusSummarizesAMapping() throws {
        try withState { state, clock, _ in
            let first = try state.openCycle(mapping: "deals")
            clock.advance(1_000)
            try state.closeCycle(first, result: .ok, counts: CycleCounts(pulledCRM: 3, writtenPRM: 2),
                                 remotes: [RemoteUsage(remote: "sf", requests: 4, quotaUsed: 100, quotaLimit: 15_000),
                                           RemoteUsage(remote: "portal", requests: 2)])
            #expect(throws: StateError.cycleNotRunning(id: first)) { try state.closeCycle(first, result: .ok) }
            let second = try state.openCycle(mapping: "deals")
            try state.closeCycle(second, result: .failed, remotes: [RemoteUsage(remote: "sf", requests: 1, throttled: 1)], error: "HTTP 503")
            try state.recordPlan(PlanBatch(intents: [createIntent(linkID: "L1", crmID: "A")],
                                           links: [activeLink("L1", crm: "A", prm: nil), activeLink("L2", crm: "B", prm: "P2")],
                                           openedConflicts: [ConflictDraft(mapping: "deals", linkID: "L2", kind: .field, field: "amount",
                                                                           crmValue: #"{"number":"1"}"#, prmValue: #"{"number":"2"}"#)]))
            let status = try #require(try state.status(now: clock.now).first)
            #expect(status.mapping == "deals")
            #expect(status.lastCycle?.id == second && status.lastCycle?.result == .failed && status.lastCycle?.error == "HTTP 503")
            #expect(status.lastSuccessAt == clock.now)
            #expect(status.links[.active] == 2 && status.pendingIntents == 1 && status.openConflicts == 1)
            let sf = try #require(status.remotes.first { $0.remote == "sf" })
            #expect(sf.requests == 5 && sf.throttled == 1 && sf.quotaRemaining == 14_900)
            #expect(try state.mappings() == ["deals"])
        }
    }
}
