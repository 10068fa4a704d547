import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// A kill that leaves a create and a later update of the same new record without
/// outcomes (the soak's "updates requeued after a kill go dead with NO_TARGET_ID"):
/// the update was planned before the record had an id on that side. After the restart
/// it must take the id from the link once the create is applied — never spending its
/// attempts on "no target id" and never becoming a dead letter.
@Suite("Cycle: an update left pending behind its record's create")
struct CycleKillRecoveryTests {
    /// A killed cycle's state: link `killed-link` (the opportunity, no portal id yet),
    /// the create of the portal deal and an update of it (no target id), both without
    /// outcomes. The update carries the amount the opportunity now has.
    static func killedCycle(_ world: CycleWorld, opportunity: SandboxRecord, amount: Decimal) throws {
        let mapping = try world.mapping("deals")
        let values = mapping.normalize(opportunityFields(opportunity), side: .crm).values
        let create = JSONWriter.string(mapping.nativeRecord(values, side: .prm).record)
        let update = JSONWriter.string(mapping.nativeRecord(["amount": .number(amount)], side: .prm).record)
        let entry = { (operation: String) in
            JournalDraft(mapping: "deals", linkID: "killed-link", crmID: opportunity.id, direction: .toPRM,
                         operation: operation, rule: operation)
        }
        try world.state.recordPlan(PlanBatch(
            intents: [
                IntentDraft(mapping: "deals", linkID: "killed-link",
                            write: WriteDraft(side: .prm, operation: .create, externalID: opportunity.id, payload: create),
                            entries: [entry("create")]),
                IntentDraft(mapping: "deals", linkID: "killed-link",
                            write: WriteDraft(side: .prm, operation: .update, recordID: nil, payload: update),
                            entries: [entry("update")]),
            ],
            links: [LinkRecord(id: "killed-link", mapping: "deals", crmID: opportunity.id, prmID: nil, status: .active)]))
    }

    /// A world whose opportunity was synced, then edited to `amount`, then caught by a
    /// killed cycle (`killedCycle`); returns the world and the edited opportunity.
    static func killedAfterAnEdit(amount: Decimal) throws -> (CycleWorld, SandboxRecord) {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        _ = try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Amount": .number(amount)])
        let edited = try #require(world.salesforce.records("Opportunity").first { $0.id == opportunity.id })
        try killedCycle(world, opportunity: edited, amount: amount)
        return (world, edited)
    }

    static func opportunityFields(_ record: SandboxRecord) -> JSONValue {
        var fields = record.fields
        fields["Id"] = .string(record.id)
        return .object(fields)
    }

    /// Runs cycles until one writes nothing; fails after `limit`.
    static func settle(_ world: CycleWorld, settings: CycleSettings, limit: Int = 6) throws -> [CycleSummary] {
        var summaries: [CycleSummary] = []
        for _ in 0..<limit {
            world.wait()
            let summary = try world.cycle("deals", settings: settings)
            summaries.append(summary)
            if summary.writes.isEmpty, summary.retried == 0, summary.recovered.requeued == 0 { return summaries }
        }
        throw TestFailure("no quiet cycle after \(limit): \(summaries.map(\.writes))")
    }

    static func expectSettled(_ world: CycleWorld, amount: Decimal, summaries: [CycleSummary],
                              waited: Bool = false) throws {
        let deals = world.portal.records("Deal")
        #expect(deals.count == 1, "exactly one portal deal: \(deals.map(\.id))")
        let deal = try #require(deals.first)
        #expect(deal.value(at: "amount") == .number(amount), "the update arrived: \(deal.fields)")
        #expect(try world.state.link(id: "killed-link")?.prmID == deal.id)
        let failures = try world.state.failures(mapping: "deals", states: [.retry, .dead, .requeued])
        #expect(failures.isEmpty, "no failure left open: \(failures.map { ($0.operation, $0.state, $0.refusal) })")
        let noTarget = try world.state.journal(JournalQuery(mapping: "deals")).filter {
            $0.error?.contains("NO_TARGET_ID") == true
        }
        #expect(noTarget.isEmpty != waited, "waiting for the id is journaled only when it happened: \(noTarget.map(\.error))")
        #expect(try world.state.pendingIntentCount(mapping: "deals") == 0)
        // Every update that went out names the record it went to (saved before sending,
        // so a kill after sending leaves it attributable and its resend addressed).
        let sent = try world.state.journal(JournalQuery(mapping: "deals", status: .applied)).filter {
            $0.operation == "update" && $0.direction == .toPRM
        }
        #expect(!sent.isEmpty)
        for row in sent {
            let write = try #require(try row.writeID.flatMap { try world.state.write(id: $0) })
            #expect(write.recordID == deal.id, "write \(write.id) names \(String(describing: write.recordID))")
        }
        #expect(summaries.allSatisfy { $0.crm.dead == 0 && $0.prm.dead == 0 })
    }

    @Test("the create had arrived: the requeued update is sent with the id the lookup found")
    func createArrived() throws {
        let amount = Decimal(4_242)
        let (world, opportunity) = try Self.killedAfterAnEdit(amount: amount)
        // The create reached the portal before the kill (without the later amount).
        try world.portal.seed("Deal", fields: CycleFailureTests.deal("Acme expansion").merging(
            ["crmId": .string(opportunity.id), "amount": .number(12_500)]) { $1 })
        let summaries = try Self.settle(world, settings: CycleSettings(maxAttempts: 2))
        #expect(summaries.first?.recovered.applied == 1 && summaries.first?.recovered.requeued == 1)
        #expect(world.requests["impartner.create"] == nil, "the create is not sent again")
        try Self.expectSettled(world, amount: amount, summaries: summaries)
    }

    @Test("the create had not arrived: it is resent, and the update waits for its id instead of going dead")
    func createLost() throws {
        let amount = Decimal(4_343)
        let (world, _) = try Self.killedAfterAnEdit(amount: amount)
        let summaries = try Self.settle(world, settings: CycleSettings(maxAttempts: 1))
        #expect(summaries.first?.recovered.requeued == 2)
        #expect(world.requests["impartner.create"] == 1, "the create is sent once")
        try Self.expectSettled(world, amount: amount, summaries: summaries)
    }

    @Test("the create keeps failing: the update waits without spending attempts, then follows the create")
    func createKeepsFailing() throws {
        let amount = Decimal(4_444)
        let (world, _) = try Self.killedAfterAnEdit(amount: amount)
        let settings = CycleSettings(maxAttempts: 1)
        // The portal refuses creates for three cycles (5 tries per cycle).
        world.portal.inject(.status(500), route: "impartner.create", times: 15)
        var summaries: [CycleSummary] = []
        for _ in 0..<3 {
            world.wait()
            summaries.append(try world.cycle("deals", settings: settings))
            let updates = try world.state.failures(mapping: "deals").filter { $0.operation != .create }
            // The killed update counts its one attempt; the update planned after the restart
            // (its target still unknown) spends none.
            #expect(updates.allSatisfy { $0.state == .retry && $0.attempts == ($0.refusal.code == "NO_TARGET_ID" ? 0 : 1) },
                    "the updates wait: \(updates.map { ($0.state, $0.attempts, $0.refusal) })")
            #expect(!updates.isEmpty)
        }
        #expect(world.portal.records("Deal").isEmpty)
        world.portal.clearFaults()
        summaries += try Self.settle(world, settings: settings)
        try Self.expectSettled(world, amount: amount, summaries: summaries, waited: true)
    }
}
