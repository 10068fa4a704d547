import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The shipped `config/mappings/leads.json5` (lead distribution) against the Salesforce
/// and Impartner-style stand-ins: routed CRM leads reach the portal, the partner's answer
/// comes back, a lead on both sides is linked by email, deletes propagate both ways.
@Suite("Cycle: leads, Salesforce ↔ Impartner (shipped mapping)")
struct CycleLeadsTests {
    /// A CRM lead seeded and synced to the portal, the portal's echo pulled back: the pair
    /// linked and quiet. Returns the CRM lead and its portal copy.
    static func linkedLead(_ world: CycleWorld, _ first: String, _ last: String,
                           email: String) throws -> (crm: SandboxRecord, portal: SandboxRecord) {
        let crm = try world.salesforce.seed("Lead", fields: lead(first, last, email: email))
        world.wait()
        try world.cycle("leads")
        let portal = try #require(world.portal.records("Lead").first { $0.value(at: "crmId") == .string(crm.id) })
        world.wait()
        try world.cycle("leads")
        return (crm, portal)
    }

    static func lead(_ first: String, _ last: String, email: String, partner: String? = "001000000000001AAA") -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "FirstName": .string(first), "LastName": .string(last), "Email": .string(email), "Company": .string("\(last) GmbH"),
            "Status": .string("Open - Not Contacted"), "Country": .string("de"), "Territory__c": .string("EMEA"),
            "Product_Interest__c": .string("Robots"), "Title": .string("CTO"), "Phone": .string("+49 30 1234"),
        ]
        if let partner { fields["Partner_Account__c"] = .string(partner) }
        return fields
    }

    @Test("routed leads reach the portal, answers come back, a lead on both sides is linked by email")
    func distribution() throws {
        let world = try CycleWorld()
        let ada = try world.salesforce.seed("Lead", fields: Self.lead("Ada", "Lovelace", email: "ada@analytical.example"))
        // Alan has no partner and the vendor's own rep works him: lead distribution leaves
        // him alone (its `when` takes new leads only), so he stays in the CRM.
        var alan = Self.lead("Alan", "Turing", email: "alan@bletchley.example", partner: nil)
        alan["Status"] = .string("Working - Contacted")
        let unrouted = try world.salesforce.seed("Lead", fields: alan)
        let grace = try world.salesforce.seed("Lead", fields: Self.lead("Grace", "Hopper", email: "grace@navy.example"))
        // Grace is already in the portal (entered by hand before ChannelSync ran).
        let graceInPortal = try world.portal.seed("Lead", fields: [
            "firstName": .string("Grace"), "lastName": .string("Hopper"), "email": .string("GRACE@navy.example"),
            "company": .object(["name": .string("Hopper GmbH")]), "status": .string("New"),
            "partner": .object(["crmAccountId": .string("001000000000001AAA")]),
        ])
        world.wait()
        let first = try world.cycle("leads")
        #expect(first.prm.created == 1 && first.crm.created == 0 && first.linked == 1 && first.problems == 0)
        let leads = world.portal.records("Lead")
        #expect(leads.count == 2, "Alan (\(unrouted.id)) has no partner and stays in the CRM; Grace is linked, not copied")
        let adaInPortal = try #require(leads.first { $0.value(at: "crmId") == .string(ada.id) })
        #expect(adaInPortal.value(at: "email") == .string("ada@analytical.example"))
        #expect(adaInPortal.value(at: "company.name") == .string("Lovelace GmbH"))
        #expect(adaInPortal.value(at: "jobTitle") == .string("CTO"))
        #expect(adaInPortal.value(at: "address.countryCode") == .string("DE"))
        #expect(adaInPortal.value(at: "status") == .string("New"))
        #expect(adaInPortal.value(at: "territory") == .string("EMEA"))
        #expect(adaInPortal.value(at: "partner.crmAccountId") == .string("001000000000001AAA"))
        #expect(try world.state.liveLink(mapping: "leads", side: .crm, recordID: grace.id)?.prmID == graceInPortal.id)
        // The portal reads an unset assignment as "pending" (a read default), which the
        // create already asserted in the CRM: nothing is left for the next cycle.
        #expect(world.salesforce.record("Lead", id: ada.id)?.value(at: "Partner_Status__c") == .string("Pending"))

        world.wait()
        let echo = try world.cycle("leads")
        #expect(echo.writes.isEmpty, "\(echo.writes)")
        // The partner accepts Ada and qualifies her; the CRM re-routes her territory.
        try world.portal.edit("Lead", id: adaInPortal.id, set: [
            "assignment": .object(["state": .string("Accepted")]), "status": .string("Qualified"),
        ])
        try world.salesforce.edit("Lead", id: ada.id, set: ["Territory__c": .string("DACH")])
        world.wait()
        let answered = try world.cycle("leads")
        #expect(answered.crm.updated == 1 && answered.prm.updated == 1 && answered.problems == 0)
        let adaInCRM = try #require(world.salesforce.record("Lead", id: ada.id))
        #expect(adaInCRM.value(at: "Partner_Status__c") == .string("Accepted"))
        #expect(adaInCRM.value(at: "Status") == .string("Qualified"))
        #expect(world.portal.record("Lead", id: adaInPortal.id)?.value(at: "territory") == .string("DACH"))

        world.wait()
        let quiet = try world.cycle("leads")
        #expect(quiet.writes.isEmpty)
    }

    @Test("a lead a partner enters in the portal brings its partner to the CRM and stays linked")
    func portalLeadKeepsItsPartner() throws {
        let world = try CycleWorld()
        let entered = try world.portal.seed("Lead", fields: [
            "firstName": .string("Mary"), "lastName": .string("Jackson"), "email": .string("mary@langley.example"),
            "company": .object(["name": .string("Langley")]), "status": .string("New"),
            "partner": .object(["crmAccountId": .string("001000000000002AAA")]),
        ])
        world.wait()
        let first = try world.cycle("leads")
        #expect(first.crm.created == 1 && first.problems == 0, "\(first.writes)")
        let link = try #require(try world.state.liveLink(mapping: "leads", side: .prm, recordID: entered.id))
        let crmID = try #require(link.crmID)
        let lead = try #require(world.salesforce.record("Lead", id: crmID))
        #expect(lead.value(at: "Partner_Account__c") == .string("001000000000002AAA"))

        // Still in scope on the CRM side: the next cycles neither unlink nor write.
        for _ in 0..<2 {
            world.wait()
            let next = try world.cycle("leads")
            #expect(next.writes.isEmpty && next.problems == 0, "\(next.writes)")
            #expect(try world.state.liveLink(mapping: "leads", side: .prm, recordID: entered.id)?.status == .active)
        }
    }

    @Test("a linked lead whose match key cannot be read is withheld by a complete scan, not taken as deleted")
    func withheldIsNotAbsent() throws {
        let world = try CycleWorld()
        let (ada, inPortal) = try Self.linkedLead(world, "Ada", "Lovelace", email: "ada@analytical.example")

        try world.portal.edit("Lead", id: inPortal.id, set: ["email": .object(["address": .string("ada@analytical.example")])])
        world.wait()
        world.clock.advance(by: 86_400_000)
        let scan = try world.cycle("leads")
        #expect(scan.prm.completeScan && scan.prm.unreadable == 1)
        #expect(scan.crm.deleted == 0 && scan.writes.isEmpty, "a record delivered unreadable was taken as gone")
        #expect(world.salesforce.record("Lead", id: ada.id)?.isDeleted == false)
        #expect(try world.state.links(mapping: "leads", side: .crm, recordID: ada.id).first?.status == .active)
    }

    @Test("a lead deleted on either side is deleted on the other (deletePolicy: propagate)")
    func deletesPropagate() throws {
        let world = try CycleWorld()
        let ada = try world.salesforce.seed("Lead", fields: Self.lead("Ada", "Lovelace", email: "ada@analytical.example"))
        let grace = try world.salesforce.seed("Lead", fields: Self.lead("Grace", "Hopper", email: "grace@navy.example"))
        world.wait()
        try world.cycle("leads")
        let adaInPortal = try #require(world.portal.records("Lead").first { $0.value(at: "crmId") == .string(ada.id) })
        let graceInPortal = try #require(world.portal.records("Lead").first { $0.value(at: "crmId") == .string(grace.id) })
        world.wait()
        try world.cycle("leads")

        // Deleted in the CRM: the Salesforce pull sees it (IsDeleted), the portal's copy goes.
        try world.salesforce.delete("Lead", id: ada.id)
        world.wait()
        let crmDelete = try world.cycle("leads")
        #expect(crmDelete.prm.deleted == 1 && crmDelete.problems == 0)
        #expect(world.portal.record("Lead", id: adaInPortal.id) == nil)

        // Deleted in the portal (no delete feed): a later complete scan notices it is gone.
        try world.portal.delete("Lead", id: graceInPortal.id)
        world.wait()
        let incremental = try world.cycle("leads")
        #expect(incremental.writes.isEmpty, "an incremental pull cannot see a hard delete")
        world.clock.advance(by: 86_400_000)
        let scan = try world.cycle("leads")
        #expect(scan.prm.completeScan && scan.crm.deleted == 1 && scan.problems == 0)
        #expect(world.salesforce.record("Lead", id: grace.id)?.isDeleted == true)

        world.wait()
        let quiet = try world.cycle("leads")
        #expect(quiet.writes.isEmpty)
    }
}
