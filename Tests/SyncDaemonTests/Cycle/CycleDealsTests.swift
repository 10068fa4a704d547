import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The shipped `config/mappings/deals.json5` against the Salesforce and Impartner-style
/// stand-ins: what a partner registers and what the vendor decides arrive on the other
/// side with the mapped values, and a quiet cycle costs only its pulls.
@Suite("Cycle: deals, Salesforce ↔ Impartner (shipped mapping)")
struct CycleDealsTests {
    static let acme: [String: JSONValue] = [
        "Name": .string("Acme expansion"), "StageName": .string("Needs Analysis"), "CloseDate": .string("2024-06-30"),
        "Amount": .number(Decimal(string: "12500.50") ?? 0), "Partner_Account__c": .string("001000000000001AAA"),
        "Customer_Domain__c": .string(" Acme.example "), "Customer_Email__c": .string("Buyer@Acme.example"),
        "Deal_Registration_Status__c": .string("Approved"),
        "Registration_Decided_At__c": .string("2024-01-01T10:00:00.000+0000"),
        "Registration_Expires_At__c": .string("2024-04-01"), "Decision_Reason__c": .string("Fits the program"),
        "Description": .string("Three sites"),
    ]

    static let globex: [String: JSONValue] = [
        "name": .string("Globex pilot"), "amount": .number(9000), "closeDate": .string("2024-07-31T00:00:00Z"),
        "stage": .object(["name": .string("Proposal")]), "company": .object(["domain": .string("globex.example")]),
        "contact": .object(["email": .string("cto@globex.example")]),
        "partner": .object(["crmAccountId": .string("001000000000002AAA")]), "registrationStatus": .string("Submitted"),
        "notes": .string("Registered by Northwind"),
    ]

    @Test("deals created on each side arrive on the other with the mapped values; the next cycle writes nothing")
    func createsArrive() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: Self.acme)
        let direct = try world.salesforce.seed("Opportunity", fields: [
            "Name": .string("Direct deal"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-05-01"),
        ])
        let deal = try world.portal.seed("Deal", fields: Self.globex)
        world.wait()

        let first = try world.cycle("deals")
        #expect(first.crm.created == 1 && first.prm.created == 1)
        #expect(first.problems == 0 && first.cursorsAdvanced)

        // Salesforce → portal: value maps, date formats, epoch millis, nested paths, the crmId.
        let deals = world.portal.records("Deal")
        #expect(deals.count == 2, "the out-of-scope opportunity \(direct.id) stays in the CRM")
        let created = try #require(deals.first { $0.value(at: "crmId") == .string(opportunity.id) })
        #expect(created.value(at: "name") == .string("Acme expansion"))
        #expect(created.value(at: "amount") == .number(Decimal(string: "12500.5") ?? 0))
        #expect(created.value(at: "stage.name") == .string("Qualified"))
        #expect(created.value(at: "closeDate") == .string("2024-06-30"))
        #expect(created.value(at: "company.domain") == .string("acme.example"))
        #expect(created.value(at: "contact.email") == .string("buyer@acme.example"))
        #expect(created.value(at: "partner.crmAccountId") == .string("001000000000001AAA"))
        #expect(created.value(at: "registrationStatus") == .string("approved"))
        #expect(created.value(at: "decidedAt") == .number(1_704_103_200_000))
        #expect(created.value(at: "protection.expiresOn") == .string("01/04/2024"))
        #expect(created.value(at: "decisionReason") == .string("Fits the program"))
        #expect(created.value(at: "notes") == .string("Three sites"))

        // Portal → Salesforce: the write map picks one stage, the constant source, the deal id.
        let registered = try #require(world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(deal.id) })
        #expect(registered.value(at: "Name") == .string("Globex pilot"))
        #expect(registered.value(at: "StageName") == .string("Proposal/Price Quote"))
        #expect(registered.value(at: "CloseDate") == .string("2024-07-31"))
        #expect(registered.value(at: "Amount") == .number(9000))
        #expect(registered.value(at: "Customer_Email__c") == .string("cto@globex.example"))
        #expect(registered.value(at: "Deal_Registration_Status__c") == .string("Submitted"))
        #expect(registered.value(at: "LeadSource") == .string("Partner Referral"))
        #expect(registered.value(at: "Description") == .string("Registered by Northwind"))

        let links = try world.state.links(mapping: "deals", side: .crm, recordID: opportunity.id)
        #expect(links.count == 1 && links.first?.status == .active && links.first?.prmID == created.id)

        // The echoes of those creates, read back: nothing to write, three requests.
        world.sandbox.resetCounters()
        world.wait()
        let second = try world.cycle("deals")
        #expect(second.writes.isEmpty)
        #expect(second.crm.pulled == 1 && second.prm.pulled == 1, "each created record comes back once: \(second.crm.pulled), \(second.prm.pulled)")
        #expect(world.requests == ["salesforce.queryAll": 1, "salesforce.deleted": 1, "impartner.list": 1])

        // Nothing changed at all: still nothing, and the journal gains nothing but the cycle.
        world.sandbox.resetCounters()
        world.wait()
        let third = try world.cycle("deals")
        #expect(third.writes.isEmpty && third.crm.pulled == 0 && third.prm.pulled == 0)
        #expect(world.requests == ["salesforce.queryAll": 1, "salesforce.deleted": 1, "impartner.list": 1])
    }

    @Test("edits on either side arrive on the other; the vendor's decision flows to the portal only")
    func editsArrive() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: Self.acme)
        let deal = try world.portal.seed("Deal", fields: Self.globex)
        world.wait()
        try world.cycle("deals")
        let mirror = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(opportunity.id) })
        let registered = try #require(world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(deal.id) })
        world.wait()
        try world.cycle("deals")

        // CRM edits: amount and stage of one deal, the decision on the other.
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: [
            "Amount": .number(14000), "StageName": .string("Negotiation/Review"),
        ])
        try world.salesforce.edit("Opportunity", id: registered.id, set: [
            "Deal_Registration_Status__c": .string("Approved"), "Decision_Reason__c": .string("New logo"),
            "Registration_Expires_At__c": .string("2024-10-31"),
        ])
        // Portal edits: the partner renames its deal and moves the close date.
        try world.portal.edit("Deal", id: deal.id, set: [
            "name": .string("Globex pilot, phase 2"), "closeDate": .string("2024-09-30T00:00:00Z"),
        ])
        world.wait()
        let cycle = try world.cycle("deals")
        #expect(cycle.prm.updated == 2 && cycle.crm.updated == 1 && cycle.problems == 0)

        let acme = try #require(world.portal.record("Deal", id: mirror.id))
        #expect(acme.value(at: "amount") == .number(14000))
        #expect(acme.value(at: "stage.name") == .string("Negotiation"))
        let globex = try #require(world.portal.record("Deal", id: deal.id))
        #expect(globex.value(at: "registrationStatus") == .string("approved"))
        #expect(globex.value(at: "decisionReason") == .string("New logo"))
        #expect(globex.value(at: "protection.expiresOn") == .string("31/10/2024"))
        let opp = try #require(world.salesforce.record("Opportunity", id: registered.id))
        #expect(opp.value(at: "Name") == .string("Globex pilot, phase 2"))
        #expect(opp.value(at: "CloseDate") == .string("2024-09-30"))

        // A decision edited in the portal does not flow back (toPRM): the CRM keeps its own.
        try world.portal.edit("Deal", id: deal.id, set: ["decisionReason": .string("edited by the partner")])
        world.wait()
        try world.cycle("deals")
        #expect(world.salesforce.record("Opportunity", id: registered.id)?.value(at: "Decision_Reason__c") == .string("New logo"))
        #expect(world.portal.record("Deal", id: deal.id)?.value(at: "decisionReason") == .string("New logo"),
                "the owner's value is asserted again")

        world.sandbox.resetCounters()
        world.wait()
        let quiet = try world.cycle("deals")
        #expect(quiet.writes.isEmpty)
    }

    @Test("a deal deleted on either side is kept on the other and its link flagged (deletePolicy: flag)")
    func deletesFlag() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: Self.acme)
        let deal = try world.portal.seed("Deal", fields: Self.globex)
        world.wait()
        try world.cycle("deals")
        let mirror = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(opportunity.id) })
        world.wait()
        try world.cycle("deals")

        try world.salesforce.delete("Opportunity", id: opportunity.id)
        try world.portal.delete("Deal", id: deal.id)
        world.wait()
        // The portal has no delete feed: its deletes are seen by a complete scan.
        let cycle = try world.cycle("deals", settings: CycleSettings(fullScan: true))
        #expect(cycle.writes.isEmpty, "flag keeps the other side's record")
        #expect(world.portal.record("Deal", id: mirror.id) != nil)
        #expect(world.salesforce.records("Opportunity").count == 1)
        #expect(try world.state.links(mapping: "deals", side: .crm, recordID: opportunity.id).first?.status == .flagged)
        #expect(try world.state.links(mapping: "deals", side: .prm, recordID: deal.id).first?.status == .flagged)
    }
}
