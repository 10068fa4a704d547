import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The other CRM × PRM pairs, each with its example config under `config/examples/`.
@Suite("Cycle: HubSpot, PartnerStack and generic REST pairs (example configs)")
struct CycleOtherPairsTests {
    @Test("HubSpot ↔ Impartner: creates, edits and deletes arrive both ways; quiet cycles write nothing")
    func hubspotImpartner() throws {
        let world = try CycleWorld(serviceFile: "examples/hubspot-impartner.json5",
                                   urls: PairCase.hubspotImpartner.urls)
        let hubspot = world.sandbox.hubspot.store
        let crmDeal = try hubspot.seed("deals", fields: [
            "dealname": .string("Acme expansion"), "amount": .string("12500.50"), "dealstage": .string("qualifiedtobuy"),
            "closedate": .string("2024-06-30T00:00:00.000Z"), "customer_domain": .string("acme.example"),
            "partner_id": .string("P-1"), "deal_registration_status": .string("Approved"), "pipeline": .string("default"),
        ])
        let portalDeal = try world.portal.seed("Deal", fields: [
            "name": .string("Globex pilot"), "amount": .number(9000), "closeDate": .string("2024-07-31T00:00:00Z"),
            "stage": .object(["name": .string("Negotiation")]), "company": .object(["domain": .string("globex.example")]),
            "partner": .object(["crmAccountId": .string("P-2")]), "registrationStatus": .string("submitted"),
        ])
        world.wait()
        let first = try world.cycle("hubspot-deals")
        #expect(first.crm.created == 1 && first.prm.created == 1 && first.problems == 0, "\(first.writes)")
        let mirror = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(crmDeal.id) })
        #expect(mirror.value(at: "stage.name") == .string("Qualified"))
        #expect(mirror.value(at: "amount") == .number(Decimal(string: "12500.5") ?? 0))
        #expect(mirror.value(at: "closeDate") == .string("2024-06-30"))
        #expect(mirror.value(at: "registrationStatus") == .string("approved"))
        let created = try #require(hubspot.records("deals").first { $0.value(at: "prm_deal_id") == .string(portalDeal.id) })
        #expect(created.value(at: "dealname") == .string("Globex pilot"))
        #expect(created.value(at: "dealstage") == .string("decisionmakerboughtin"))
        #expect(created.value(at: "partner_id") == .string("P-2"))

        world.wait()
        #expect(try world.cycle("hubspot-deals").writes.isEmpty)

        try hubspot.edit("deals", id: crmDeal.id, set: ["amount": .string("15000"), "dealstage": .string("closedwon")])
        try world.portal.edit("Deal", id: portalDeal.id, set: ["name": .string("Globex pilot, phase 2")])
        world.wait()
        let edits = try world.cycle("hubspot-deals")
        #expect(edits.prm.updated == 1 && edits.crm.updated == 1 && edits.problems == 0)
        #expect(world.portal.record("Deal", id: mirror.id)?.value(at: "stage.name") == .string("Won"))
        #expect(world.portal.record("Deal", id: mirror.id)?.value(at: "amount") == .number(15000))
        #expect(hubspot.record("deals", id: created.id)?.value(at: "dealname") == .string("Globex pilot, phase 2"))

        // Archived in HubSpot (seen by the archived list), deleted in the portal (seen by a scan).
        try hubspot.delete("deals", id: crmDeal.id)
        try world.portal.delete("Deal", id: portalDeal.id)
        world.wait(minutes: 15)
        let deletes = try world.cycle("hubspot-deals", settings: CycleSettings(fullScan: true))
        #expect(deletes.prm.deleted == 1 && deletes.crm.deleted == 1 && deletes.problems == 0, "\(deletes)")
        #expect(world.portal.record("Deal", id: mirror.id) == nil)
        #expect(hubspot.record("deals", id: created.id)?.isDeleted == true)
        world.wait()
        #expect(try world.cycle("hubspot-deals").writes.isEmpty)
    }
}

extension CycleOtherPairsTests {
    @Test("Salesforce ↔ PartnerStack: submitted deals become opportunities, the vendor's stage flows back")
    func salesforcePartnerStack() throws {
        let world = try CycleWorld(serviceFile: "examples/salesforce-partnerstack.json5",
                                   urls: PairCase.salesforcePartnerStack.urls)
        let partnerStack = world.sandbox.partnerStack.store
        let submitted = try partnerStack.seed("deals", fields: [
            "name": .string("Initech rollout"), "amount": .number(4200), "close_date": .string("2024-09-30"),
            "stage": .string("open"), "partner_key": .string("part_7"), "customer_email": .string("it@initech.example"),
        ])
        let opportunity = try world.salesforce.seed("Opportunity", fields: [
            "Name": .string("Umbrella renewal"), "StageName": .string("Needs Analysis"), "CloseDate": .string("2024-10-31"),
            "Amount": .number(8000), "Partner_Account__c": .string("part_9"), "Customer_Email__c": .string("buy@umbrella.example"),
        ])
        world.wait()
        let first = try world.cycle("partnerstack-deals")
        #expect(first.crm.created == 1 && first.prm.created == 1 && first.problems == 0, "\(first.writes)")
        let created = try #require(world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(submitted.id) })
        #expect(created.value(at: "StageName") == .string("Prospecting") && created.value(at: "Amount") == .number(4200))
        #expect(created.value(at: "Partner_Account__c") == .string("part_7"))
        let mirror = try #require(partnerStack.records("deals").first { $0.value(at: "external_key") == .string(opportunity.id) })
        #expect(mirror.value(at: "stage") == .string("open") && mirror.value(at: "customer_email") == .string("buy@umbrella.example"))

        world.wait()
        #expect(try world.cycle("partnerstack-deals").writes.isEmpty)

        try world.salesforce.edit("Opportunity", id: created.id, set: ["StageName": .string("Closed Won"), "Amount": .number(5000)])
        try partnerStack.edit("deals", id: mirror.id, set: ["name": .string("Umbrella renewal (3 years)")])
        world.wait()
        let edits = try world.cycle("partnerstack-deals")
        #expect(edits.prm.updated == 1 && edits.crm.updated == 1 && edits.problems == 0)
        #expect(partnerStack.record("deals", id: submitted.id)?.value(at: "stage") == .string("won"))
        #expect(partnerStack.record("deals", id: submitted.id)?.value(at: "amount") == .number(5000))
        #expect(world.salesforce.record("Opportunity", id: opportunity.id)?.value(at: "Name") == .string("Umbrella renewal (3 years)"))

        // deletePolicy unlink: the other side keeps its record, the pair is no longer synced.
        try partnerStack.delete("deals", id: submitted.id)
        world.wait()
        let deleted = try world.cycle("partnerstack-deals", settings: CycleSettings(fullScan: true))
        #expect(deleted.writes.isEmpty && deleted.problems == 0)
        #expect(world.salesforce.record("Opportunity", id: created.id)?.isDeleted == false)
        #expect(try world.state.links(mapping: "partnerstack-deals", side: .prm, recordID: submitted.id).first?.status == .unlinked)
        world.wait()
        #expect(try world.cycle("partnerstack-deals").writes.isEmpty)
    }

    @Test("Salesforce → generic REST (no change feed): every pull is a scan, unchanged records cost nothing")
    func salesforceGeneric() throws {
        let world = try CycleWorld(serviceFile: "examples/generic-rest.json5",
                                   urls: PairCase.salesforceGeneric.urls)
        let generic = world.sandbox.generic.store
        var opportunities: [SandboxRecord] = []
        for index in 0..<3 {
            opportunities.append(try world.salesforce.seed("Opportunity", fields: [
                "Name": .string("Deal \(index)"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-10-31"),
                "Amount": .number(Decimal(100 * (index + 1))), "Deal_Reference__c": .string("REF-\(index)"),
            ]))
        }
        world.wait()
        let first = try world.cycle("generic-deals")
        #expect(first.prm.created == 3 && first.problems == 0, "\(first.writes)")
        let mirrors = generic.records("deals")
        #expect(Set(mirrors.compactMap { $0.value(at: "reference") }) == [.string("REF-0"), .string("REF-1"), .string("REF-2")])
        #expect(mirrors.allSatisfy { $0.value(at: "status") == .string("open") })

        world.wait()
        let quiet = try world.cycle("generic-deals")
        #expect(quiet.writes.isEmpty && quiet.prm.completeScan)
        let rows = try world.state.journal(JournalQuery(mapping: "generic-deals", limit: 1000))
        world.wait()
        try world.cycle("generic-deals")
        #expect(try world.state.journal(JournalQuery(mapping: "generic-deals", limit: 1000)).count == rows.count,
                "a scan of unchanged records journals nothing")

        try world.salesforce.edit("Opportunity", id: opportunities[0].id, set: ["StageName": .string("Closed Won")])
        let target = try #require(mirrors.first { $0.value(at: "reference") == .string("REF-1") })
        try generic.edit("deals", id: target.id, set: ["title": .string("Deal 1 (renamed)")])
        world.wait()
        let edits = try world.cycle("generic-deals")
        #expect(edits.prm.updated == 1 && edits.crm.updated == 1 && edits.problems == 0, "\(edits.writes)")
        #expect(generic.records("deals").first { $0.value(at: "reference") == .string("REF-0") }?.value(at: "status") == .string("won"))
        #expect(world.salesforce.record("Opportunity", id: opportunities[1].id)?.value(at: "Name") == .string("Deal 1 (renamed)"))

        // A record gone from the scan is a hard delete (deletePolicy flag: the CRM keeps its own).
        try generic.delete("deals", id: target.id)
        world.wait()
        let scan = try world.cycle("generic-deals")
        #expect(scan.writes.isEmpty)
        #expect(try world.state.links(mapping: "generic-deals", side: .crm, recordID: opportunities[1].id).first?.status == .flagged)
    }
}
