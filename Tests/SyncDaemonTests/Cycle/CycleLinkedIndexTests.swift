import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The records index rows of linked records (`SyncState.saveRecords(_:leavingRowsOf:)`):
/// an incremental pull leaves the row of a record in an active link as it is (the link's
/// shadow takes the synced values); what reads rows of linked records still sees them as
/// they are — the channel-conflict candidates take the newer shadow, and a link that
/// ends writes its records' rows anew, so that they are found as link candidates by
/// what they hold now. Shipped leads mapping (match key: email; scope: a partner).
@Suite("Cycle: index rows of linked records")
struct CycleLinkedIndexTests {
    @Test("a linked lead's row lags while linked; when its link ends, both rows hold the leads as they are now")
    func rowsOfEndedLinks() throws {
        let world = try CycleWorld()
        let (ada, inPortal) = try CycleLeadsTests.linkedLead(world, "Ada", "Lovelace", email: "ada@old.example")
        let link = try #require(try world.state.liveLink(mapping: "leads", side: .crm, recordID: ada.id))
        #expect(try world.state.indexedRecord(mapping: "leads", side: .prm, id: inPortal.id) != nil,
                "a linked record with no row yet gets one")

        // Edited in the CRM while linked: synced to the portal, the CRM row left as it was.
        try world.salesforce.edit("Lead", id: ada.id, set: ["Email": .string("ada@new.example")])
        world.wait()
        try world.cycle("leads")
        world.wait()
        try world.cycle("leads")
        #expect(world.portal.record("Lead", id: inPortal.id)?.value(at: "email") == .string("ada@new.example"))
        let lagging = try #require(try world.state.indexedRecord(mapping: "leads", side: .crm, id: ada.id))
        #expect(lagging.values.contains("ada@old.example"), "the row of a linked record was rewritten on its change")
        let shadow = try #require(try world.state.shadow(linkID: link.id))
        #expect(shadow.crmValues.contains("ada@new.example"))
        var known: [String: String] = [:]
        try world.state.knownRecords(mapping: "leads") { known[$0.snapshot.id] = $0.snapshot.values }
        #expect(known[ada.id]?.contains("ada@new.example") == true, "known records took the lagging row over the shadow")

        // Leaving the scope ends the link: both rows are written as the leads are now.
        try world.salesforce.edit("Lead", id: ada.id, set: ["Partner_Account__c": .null,
                                                            "Status": .string("Working - Contacted")])
        world.wait()
        let ended = try world.cycle("leads")
        #expect(ended.problems == 0)
        #expect(try world.state.liveLink(mapping: "leads", side: .crm, recordID: ada.id) == nil)
        let crmRow = try #require(try world.state.indexedRecord(mapping: "leads", side: .crm, id: ada.id))
        #expect(crmRow.values.contains("ada@new.example") && !crmRow.values.contains("001000000000001AAA"))
        let prmRow = try #require(try world.state.indexedRecord(mapping: "leads", side: .prm, id: inPortal.id))
        #expect(prmRow.values.contains("ada@new.example"), "the portal lead's row kept the email it had when linked")

        // …so the portal lead is a link candidate by the email it holds now, not the old one.
        let compiled = try CompiledMapping(try world.mapping("leads"))
        let candidates = StoreLinkCandidates(state: world.state, mapping: compiled)
        let email = try #require(try shadow.shadow(alignedTo: compiled.names).crm["email"])
        #expect(candidates.records(on: .prm, matchKey: ["email"], values: [email]).map(\.id) == [inPortal.id])
        #expect(candidates.failure == nil)
    }

    @Test("a registration conflicts with a linked opportunity's customer as changed in the same cycle")
    func channelConflictSeesThisCyclesChange() throws {
        let world = try CycleWorld()
        let (_, opportunity) = try CycleRegistrationTests.submitted(world, CycleRegistrationTests.registration(
            "Stark Industries fit-out", company: "Stark Industries, Inc.", domain: "stark.example", email: "pepper@stark.example",
            partner: CycleRegistrationTests.otherPartner))
        world.wait()
        try world.cycle("deals")
        #expect(try world.state.liveLink(mapping: "deals", side: .crm, recordID: opportunity.id)?.status == .active)

        // The linked opportunity now names another customer, and a registration for that
        // customer arrives: one cycle pulls both. The opportunity's index row is not
        // rewritten (it is linked) and its shadow is saved only after its write: the check
        // must see the change from the pull itself.
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Customer_Domain__c": .string("acme.example")])
        let late = try world.portal.seed("Deal", fields: CycleRegistrationTests.registration(
            "Acme roll-out", company: "Acme Corporation", domain: "acme.example", email: "wile@acme.example"))
        world.wait()
        let cycle = try world.cycle("deals")
        #expect(cycle.problems == 0)
        #expect(world.portal.record("Deal", id: late.id)?.value(at: "registrationStatus") == .string("duplicate"))
        let conflict = try #require(try world.state.conflicts(mapping: "deals").first { $0.kind == .channel && $0.prmID == late.id })
        #expect(conflict.field == "domain" && conflict.candidates.contains(opportunity.id), "\(conflict.candidates)")
        #expect(!world.salesforce.records("Opportunity").contains { $0.value(at: "PRM_Deal_Id__c") == .string(late.id) })
    }
}
