import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// What a cycle does when things go wrong: refused writes are journaled verbatim and
/// resent, then dead-lettered; a create whose answer was lost is looked up, never sent
/// twice; an unreadable record is journaled, not skipped silently.
@Suite("Cycle: failures, resends and recovery")
struct CycleFailureTests {
    static func deal(_ name: String, closeDate: JSONValue? = .string("2024-07-31"), stage: String = "Proposal") -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "name": .string(name), "stage": .object(["name": .string(stage)]),
            "partner": .object(["crmAccountId": .string("001000000000002AAA")]),
        ]
        if let closeDate { fields["closeDate"] = closeDate }
        return fields
    }

    @Test("a refused create is journaled with the remote's error, resent, then dead-lettered after maxAttempts")
    func refusedThenDead() throws {
        let world = try CycleWorld()
        // Salesforce requires CloseDate: the portal deal has none.
        let deal = try world.portal.seed("Deal", fields: Self.deal("No date", closeDate: nil))
        world.wait()
        let settings = CycleSettings(maxAttempts: 2)
        let first = try world.cycle("deals", settings: settings)
        #expect(first.crm.failed == 1 && first.crm.created == 0 && first.cursorsAdvanced)
        var failures = try world.state.failures(mapping: "deals")
        #expect(failures.count == 1 && failures.first?.state == .retry && failures.first?.attempts == 1)
        #expect(failures.first?.refusal.code == "REQUIRED_FIELD_MISSING", "\(String(describing: failures.first?.refusal))")
        #expect(failures.first?.prmID == deal.id && failures.first?.operation == .create)
        let rows = try world.state.journal(JournalQuery(mapping: "deals", status: .failed))
        #expect(rows.contains { $0.error?.contains("REQUIRED_FIELD_MISSING") == true && $0.prmID == deal.id })

        world.wait()
        let second = try world.cycle("deals", settings: settings)
        #expect(second.retried == 1 && second.crm.dead == 1)
        failures = try world.state.failures(mapping: "deals")
        #expect(failures.count == 1 && failures.first?.state == .dead && failures.first?.attempts == 2)

        world.wait()
        let third = try world.cycle("deals", settings: settings)
        #expect(third.retried == 0 && third.writes.isEmpty, "a dead letter waits for ops")
        #expect(world.salesforce.records("Opportunity").isEmpty)
    }

    @Test("a write refused for a passing reason (a locked row) is resent by the next cycle and lands")
    func retryableResent() throws {
        let world = try CycleWorld()
        try world.portal.seed("Deal", fields: Self.deal("Locked once"))
        world.wait()
        world.salesforce.inject(.partialBatchFailure(.everyKth(1)), route: "salesforce.composite.upsert")
        let first = try world.cycle("deals")
        #expect(first.crm.failed == 1)
        #expect(try world.state.failures(mapping: "deals").first?.refusal.code == "UNABLE_TO_LOCK_ROW")
        world.wait()
        let second = try world.cycle("deals")
        #expect(second.retried == 1 && second.crm.created == 1 && second.problems == 0)
        #expect(try world.state.failures(mapping: "deals").isEmpty, "the failure is closed")
        let opportunity = try #require(world.salesforce.records("Opportunity").first)
        #expect(opportunity.value(at: "Name") == .string("Locked once"))
        world.wait()
        let third = try world.cycle("deals")
        #expect(third.writes.isEmpty && third.crm.created == 0, "nothing is created twice")
        #expect(world.salesforce.records("Opportunity").count == 1)
    }

    /// A linked deal whose CRM edit (by default a rename to "Acme renewal") did not reach the
    /// portal (its update refused on every try of one cycle): a resend is due.
    private static func editThatFailed(_ edit: [String: JSONValue] = ["Name": .string("Acme renewal")])
        throws -> (world: CycleWorld, opportunity: SandboxRecord, deal: SandboxRecord) {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        #expect(try world.cycle("deals").prm.created == 1)
        let deal = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(opportunity.id) })
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: edit)
        world.wait()
        world.portal.inject(.status(500), route: "impartner.update", times: 5)
        let failed = try world.cycle("deals")
        #expect(failed.prm.failed == 1, "\(failed.prm)")
        return (world, opportunity, deal)
    }

    /// A resend carries the values of the cycle it failed in; the source edited again carries
    /// newer ones. The pair changed, so the two are merged into one write of the newest value.
    @Test("a source edited again after a failed write sends its newest value once: the older one never lands")
    func sourceEditedAgainAfterFailure() throws {
        let (world, opportunity, _) = try Self.editThatFailed()
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Name": .string("Acme renewal, phase 2")])
        world.wait()
        let updatesBefore = world.requests["impartner.update"] ?? 0
        let merged = try world.cycle("deals")
        #expect(merged.retried == 0 && merged.prm.updated == 1 && merged.problems == 0)
        #expect((world.requests["impartner.update"] ?? 0) - updatesBefore == 1, "one update, not a resend and a write")
        let deal = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(opportunity.id) })
        #expect(deal.value(at: "name") == .string("Acme renewal, phase 2"))
        world.wait()
        _ = try world.cycle("deals")
        let name = world.salesforce.records("Opportunity").first { $0.id == opportunity.id }?.value(at: "Name")
        #expect(name == .string("Acme renewal, phase 2"), "the newer CRM value is not overwritten by the older one")
    }

    /// The failed write's shadow was saved as planned, so a resend would overwrite a portal
    /// edit made since (and the next cycle carry the older value back to the CRM). The pair
    /// changed, so the failed write is merged with that change instead of resent.
    @Test("a target edited after a failed write keeps its newer value: the write is merged, not resent")
    func targetEditedAfterFailure() throws {
        let (world, opportunity, deal) = try Self.editThatFailed()
        let failure = try #require(try world.state.failures(mapping: "deals").first)
        try world.portal.edit("Deal", id: deal.id, set: ["name": .string("Acme, as the partner names it")])
        world.wait()
        let merged = try world.cycle("deals")
        #expect(merged.retried == 0 && merged.problems == 0)
        #expect(merged.crm.updated == 1 && merged.prm.updated == 0, "name is newest-wins: the later portal edit")
        #expect(try world.state.failures(mapping: "deals").isEmpty, "the failure is closed with the merge")
        #expect(try world.state.failure(id: failure.id)?.state == .closed)
        let note = try world.state.journal(JournalQuery(mapping: "deals", operation: "retry")).first { $0.rule == "retry.merged" }
        #expect(note?.status == .skipped && note?.detail?.contains("failure \(failure.id)") == true)
        world.wait()
        let after = try world.cycle("deals")
        #expect(after.writes.isEmpty, "nothing carried back: \(after.writes)")
        let portalName = world.portal.records("Deal").first { $0.id == deal.id }?.value(at: "name")
        let crmName = world.salesforce.records("Opportunity").first { $0.id == opportunity.id }?.value(at: "Name")
        #expect(portalName == .string("Acme, as the partner names it"))
        #expect(crmName == .string("Acme, as the partner names it"))
    }

    @Test("a failed write and a later target edit of the same field follow the field's policy (amount: CRM wins)")
    func targetEditedAfterFailureLosesToPolicy() throws {
        let (world, opportunity, deal) = try Self.editThatFailed(["Amount": .number(20000)])
        try world.portal.edit("Deal", id: deal.id, set: ["amount": .number(15000)])
        world.wait()
        let merged = try world.cycle("deals")
        #expect(merged.retried == 0 && merged.prm.updated == 1 && merged.crm.updated == 0)
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)
        #expect(world.portal.records("Deal").first { $0.id == deal.id }?.value(at: "amount") == .number(20000))
        #expect(world.salesforce.records("Opportunity").first { $0.id == opportunity.id }?.value(at: "Amount")
            == .number(20000))
    }

    @Test("a failed write still lands when the target changed other fields since, and those go back")
    func targetChangedOtherFields() throws {
        let (world, opportunity, deal) = try Self.editThatFailed()
        try world.portal.edit("Deal", id: deal.id, set: ["closeDate": .string("2024-09-30T00:00:00Z")])
        world.wait()
        let merged = try world.cycle("deals")
        #expect(merged.retried == 0 && merged.prm.updated == 1 && merged.crm.updated == 1 && merged.problems == 0)
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)
        #expect(world.portal.records("Deal").first { $0.id == deal.id }?.value(at: "name") == .string("Acme renewal"))
        let crm = world.salesforce.records("Opportunity").first { $0.id == opportunity.id }
        #expect(crm?.value(at: "CloseDate") == .string("2024-09-30"))
        #expect(crm?.value(at: "Name") == .string("Acme renewal"))
    }

    @Test("a create whose answer was lost is looked up by its external id, never sent twice")
    func lostAnswer() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        // The portal stores the deal, then the connection drops before the answer.
        world.portal.inject(.dropConnection, route: "impartner.create")
        let first = try world.cycle("deals")
        #expect(first.prm.created == 1 && first.prm.unsettled == 0, "the lookup settled it: \(first.prm)")
        #expect(first.cursorsAdvanced)
        let deals = world.portal.records("Deal")
        #expect(deals.count == 1)
        #expect(world.requests["impartner.create"] == 1)
        let link = try world.state.liveLink(mapping: "deals", side: .crm, recordID: opportunity.id)
        #expect(link?.prmID == deals.first?.id)
        world.wait()
        let second = try world.cycle("deals")
        #expect(second.writes.isEmpty && world.portal.records("Deal").count == 1)
    }

    @Test("a create left pending by a crash is found on the remote at the next start, not sent again")
    func crashRecovery() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        // A process committed the intent and sent the create, then died before the outcome.
        try world.state.recordPlan(PlanBatch(
            intents: [IntentDraft(mapping: "deals", linkID: "crashed-link", write: WriteDraft(
                side: .prm, operation: .create, externalID: opportunity.id, payload: "{}"),
                entries: [JournalDraft(mapping: "deals", linkID: "crashed-link", crmID: opportunity.id,
                                       direction: .toPRM, operation: "create", rule: "create")])],
            links: [LinkRecord(id: "crashed-link", mapping: "deals", crmID: opportunity.id, prmID: nil, status: .active)]))
        let arrived = try world.portal.seed("Deal", fields: Self.deal("Acme expansion").merging(
            ["crmId": .string(opportunity.id)]) { $1 })
        world.wait()

        let cycle = try world.cycle("deals")
        #expect(cycle.recovered.applied == 1)
        #expect(world.requests["impartner.create"] == nil, "nothing was created again")
        #expect(try world.state.link(id: "crashed-link")?.prmID == arrived.id)
        #expect(try world.state.pendingIntentCount(mapping: "deals") == 0 && cycle.cursorsAdvanced)
    }

    @Test("a record that cannot be read is journaled as a failure and synced once it reads cleanly")
    func unreadable() throws {
        let world = try CycleWorld()
        let deal = try world.portal.seed("Deal", fields: Self.deal("Odd stage", stage: "Registered"))
        world.wait()
        let first = try world.cycle("deals")
        #expect(first.prm.unreadable == 1 && first.writes.isEmpty)
        let rows = try world.state.journal(JournalQuery(mapping: "deals", status: .failed))
        let row = try #require(rows.first { $0.prmID == deal.id })
        #expect(row.rule == "normalize.failed" && row.detail?.contains("'Registered'") == true, "\(row)")

        try world.portal.edit("Deal", id: deal.id, set: ["stage": .object(["name": .string("Qualified")])])
        world.wait()
        let second = try world.cycle("deals")
        #expect(second.crm.created == 1 && second.prm.unreadable == 0)
        #expect(world.salesforce.records("Opportunity").first?.value(at: "StageName") == .string("Qualification"))
    }
}
