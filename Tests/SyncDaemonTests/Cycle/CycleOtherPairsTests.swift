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
                                   urls: ["http://127.0.0.1:8445": .hubspot, "http://127.0.0.1:8444": .impartner])
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
