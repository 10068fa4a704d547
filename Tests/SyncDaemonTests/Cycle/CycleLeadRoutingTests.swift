import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Lead distribution end to end through the daemon's cycle, with the shipped
/// `config/mappings/leads.json5` against the Salesforce and Impartner-style stand-ins on
/// one manual clock: routing by territory, a partner's rejection and the re-route, the
/// acceptance SLA, an acceptance, and round-robin fairness over 1,000 leads.
@Suite("Cycle: lead distribution (shipped mapping)")
struct CycleLeadRoutingTests {
    /// The shipped roster's CRM accounts, as the sandbox numbers the first three Accounts.
    static let northwind = "0015g0000000000AAA"
    static let contoso = "0015g0000000001AAA"
    static let fabrikam = "0015g0000000002AAA"

    /// A new lead nobody works yet, without a partner.
    static func lead(_ last: String, country: String, email: String? = nil) -> [String: JSONValue] {
        ["FirstName": .string("Lee"), "LastName": .string(last), "Company": .string("\(last) Ltd"),
         "Email": .string(email ?? "\(last.lowercased())@example.com"), "Status": .string("Open - Not Contacted"),
         "Country": .string(country)]
    }

    /// A world whose CRM holds the three partner accounts of the shipped roster.
    static func world() throws -> CycleWorld {
        let world = try CycleWorld()
        for (name, id) in [("Northwind Partners", northwind), ("Contoso Channel", contoso), ("Fabrikam Resellers", fabrikam)] {
            // The shipped roster names these accounts (the demo's first three partners).
            try world.salesforce.seed("Account", fields: ["Name": .string(name), "Type": .string("Partner")], id: id)
        }
        return world
    }

    static func routing(_ world: CycleWorld, _ id: String) throws -> [JournalRow] {
        try world.state.journal(JournalQuery(record: id, limit: 1_000)).filter { $0.rule?.hasPrefix("lead.routing.") == true }
    }

    static func portalLead(_ world: CycleWorld, crmID: String) throws -> SandboxRecord {
        try #require(world.portal.records("Lead").first { $0.value(at: "crmId") == .string(crmID) })
    }

    @Test("routed by territory, rejected by the partner, re-routed to the next eligible partner")
    func territoryRejectReroute() throws {
        let world = try Self.world()
        let ada = try world.salesforce.seed("Lead", fields: Self.lead("Lovelace", country: "de"))
        world.wait()
        let routed = try world.cycle("leads")
        #expect(routed.crm.updated == 1 && routed.prm.created == 0 && routed.problems == 0)
        var inCRM = try #require(world.salesforce.record("Lead", id: ada.id))
        // dach: northwind (capacity 2) and fabrikam (1); the weightier partner is first.
        #expect(inCRM.value(at: "Partner_Account__c") == .string(Self.northwind))
        #expect(inCRM.value(at: "Partner_Status__c") == .string("Pending"))
        let first = try #require(try Self.routing(world, ada.id).first)
        #expect(first.rule == "lead.routing.territory" && first.operation == "route" && first.direction == .toCRM)
        #expect(first.detail?.contains("rule 'dach' chose northwind") == true, "\(first.detail ?? "")")
        #expect(first.detail?.contains("fabrikam eligible") == true && first.detail?.contains("country DE") == true)
        #expect(try world.state.leadRoute(mapping: "leads", crmID: ada.id)?.state == .offered)

        // The next cycle sees the assignment and creates the lead in the portal, assigned.
        world.wait()
        let created = try world.cycle("leads")
        #expect(created.prm.created == 1 && created.crm.updated == 0 && created.problems == 0)
        let inPortal = try Self.portalLead(world, crmID: ada.id)
        #expect(inPortal.value(at: "partner.crmAccountId") == .string(Self.northwind))

        // Northwind declines in the portal: the decline reaches the CRM, and the lead is
        // withdrawn from northwind and offered to fabrikam on both sides.
        try world.portal.edit("Lead", id: inPortal.id, set: ["assignment": .object(["state": .string("Declined")])])
        world.wait()
        let rejected = try world.cycle("leads")
        #expect(rejected.problems == 0)
        inCRM = try #require(world.salesforce.record("Lead", id: ada.id))
        #expect(inCRM.value(at: "Partner_Account__c") == .string(Self.fabrikam))
        #expect(inCRM.value(at: "Partner_Status__c") == .string("Pending"))
        let reassigned = try #require(world.portal.record("Lead", id: inPortal.id))
        #expect(reassigned.value(at: "partner.crmAccountId") == .string(Self.fabrikam))
        #expect(reassigned.value(at: "assignment.state") == .string("pending"))
        let rows = try Self.routing(world, ada.id).filter { $0.rule == "lead.routing.rejected" && $0.isIntent }
        #expect(Set(rows.map(\.direction)) == [.toCRM, .toPRM])
        let detail = rows.first?.detail ?? ""
        #expect(detail.hasPrefix("northwind rejected the lead; withdrawn and offered to fabrikam"), "\(detail)")
        #expect(detail.contains("northwind excluded (rejected or let lapse an earlier offer of this lead)"), "\(detail)")
        let route = try #require(try world.state.leadRoute(mapping: "leads", crmID: ada.id))
        #expect(route.partner == "fabrikam" && route.excluded == ["northwind"] && route.state == .offered)

        // Our writes read back as echoes: nothing more to do.
        world.wait()
        let quiet = try world.cycle("leads")
        #expect(quiet.writes.isEmpty, "\(quiet.writes)")
    }

    @Test("an offer not accepted within the SLA is withdrawn and offered on; an accepted one stays")
    func slaExpiry() throws {
        let world = try Self.world()
        let lapsing = try world.salesforce.seed("Lead", fields: Self.lead("Hopper", country: "US"))
        let keen = try world.salesforce.seed("Lead", fields: Self.lead("Hamilton", country: "CA"))
        world.wait()
        try world.cycle("leads")
        // north-america: contoso and fabrikam, capacity 1 each: one lead each.
        let partners = [lapsing.id, keen.id].map { world.salesforce.record("Lead", id: $0)?.value(at: "Partner_Account__c") }
        #expect(partners == [.string(Self.contoso), .string(Self.fabrikam)])
        world.wait()
        try world.cycle("leads")
        // Fabrikam accepts Hamilton at once.
        try world.portal.edit("Lead", id: try Self.portalLead(world, crmID: keen.id).id,
                              set: ["assignment": .object(["state": .string("Accepted")])])
        world.wait()
        let answered = try world.cycle("leads")
        #expect(answered.crm.updated == 1 && answered.problems == 0, "\(answered.writes)")
        #expect(world.salesforce.record("Lead", id: keen.id)?.value(at: "Partner_Status__c") == .string("Accepted"))
        let accepted = try Self.routing(world, keen.id).filter { $0.rule == "lead.routing.accepted" }
        #expect(accepted.count == 1 && accepted.first?.detail?.hasPrefix("fabrikam accepted after 10m") == true,
                "\(accepted.map { $0.detail ?? "" })")

        // 47 hours on: both offers are within the SLA.
        world.clock.advance(by: 47 * 3_600_000)
        let early = try world.cycle("leads")
        #expect(early.writes.isEmpty, "\(early.writes)")
        // Past 48 hours since Hopper's offer: contoso let it lapse; it goes to fabrikam.
        world.clock.advance(by: 3_600_000)
        let expired = try world.cycle("leads")
        #expect(expired.crm.updated == 1 && expired.prm.updated == 1 && expired.problems == 0, "\(expired.writes)")
        #expect(world.salesforce.record("Lead", id: lapsing.id)?.value(at: "Partner_Account__c") == .string(Self.fabrikam))
        #expect(try Self.portalLead(world, crmID: lapsing.id).value(at: "partner.crmAccountId") == .string(Self.fabrikam))
        let lapse = try #require(try Self.routing(world, lapsing.id).first { $0.rule == "lead.routing.sla_expired" })
        #expect(lapse.detail?.hasPrefix("contoso did not accept within 48 h") == true, "\(lapse.detail ?? "")")
        #expect(world.salesforce.record("Lead", id: keen.id)?.value(at: "Partner_Account__c") == .string(Self.fabrikam),
                "an accepted lead is not withdrawn")

        // Fabrikam lets it lapse too: every eligible partner had it; back with the vendor.
        world.clock.advance(by: 48 * 3_600_000)
        let exhausted = try world.cycle("leads")
        #expect(exhausted.problems == 0)
        let back = try #require(world.salesforce.record("Lead", id: lapsing.id))
        #expect(back.value(at: "Partner_Account__c") == .null || back.value(at: "Partner_Account__c") == nil)
        #expect(back.value(at: "Partner_Status__c") == .string("Withdrawn"))
        #expect(try Self.portalLead(world, crmID: lapsing.id).value(at: "assignment.state") == .string("withdrawn"))
        #expect(try world.state.leadRoute(mapping: "leads", crmID: lapsing.id)?.state == .exhausted)
        let history = try Self.routing(world, lapsing.id)
        let last = history.last { $0.rule == "lead.routing.sla_expired" && $0.isIntent }
        #expect(last?.detail?.contains("withdrawn, back with the vendor") == true,
                "\(history.map { "\($0.seq) \($0.rule ?? "") \($0.status) \($0.detail ?? "")" })")
        // The CRM lead left the mapping's scope (no partner): unlinked, not routed again.
        world.wait()
        let after = try world.cycle("leads")
        #expect(after.writes.isEmpty && after.problems == 0, "\(after.writes)")
    }

    @Test("a catch-all routes a lead no territory rule takes, round-robin, with each exclusion journaled")
    func catchAll() throws {
        let world = try Self.world()
        // Japan: no territory rule; 'everyone' excludes northwind and contoso by territory.
        let lead = try world.salesforce.seed("Lead", fields: Self.lead("Tanaka", country: "JP"))
        world.wait()
        try world.cycle("leads")
        #expect(world.salesforce.record("Lead", id: lead.id)?.value(at: "Partner_Account__c") == .string(Self.fabrikam))
        let row = try #require(try Self.routing(world, lead.id).first)
        #expect(row.rule == "lead.routing.round_robin")
        #expect(row.detail?.contains("northwind excluded (country outside its territory)") == true, "\(row.detail ?? "")")
    }

    /// One cycle of `mapping` (the shipped one, edited) on the world's state.
    static func cycle(_ world: CycleWorld, _ mapping: Mapping) throws -> CycleSummary {
        let pair = try world.connectors.connectors(for: mapping)
        let clock = world.clock
        let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: world.state,
                                  settings: CycleSettings(makeLinkID: { UUID().uuidString }), clock: { clock.now() })
        return try cycle.run()
    }

    @Test("a lead no partner can take stays unassigned, journaled once, and is routed when it changes after a partner returns")
    func unrouted() throws {
        let world = try Self.world()
        var mapping = try world.mapping("leads")
        var distribution = try #require(mapping.leadDistribution)
        let shipped = distribution
        for index in distribution.partners.indices where distribution.partners[index].id == "fabrikam" {
            distribution.partners[index].active = false
        }
        mapping.leadDistribution = distribution
        let lead = try world.salesforce.seed("Lead", fields: Self.lead("Tanaka", country: "JP"))
        world.wait()
        let first = try Self.cycle(world, mapping)
        #expect(first.writes.isEmpty && first.problems == 0)
        #expect(world.salesforce.record("Lead", id: lead.id)?.value(at: "Partner_Account__c") == nil)
        let rows = try Self.routing(world, lead.id)
        #expect(rows.count == 1 && rows.first?.rule == "lead.routing.unrouted" && rows.first?.status == .applied)
        #expect(rows.first?.detail?.hasPrefix("no eligible partner; rule 'everyone': northwind excluded (country outside its territory), contoso excluded (country outside its territory), fabrikam excluded (inactive)") == true,
                "\(rows.first?.detail ?? "")")
        #expect(try world.state.leadRoute(mapping: "leads", crmID: lead.id)?.state == .unrouted)

        // Edited, still unroutable: nothing new to journal.
        try world.salesforce.edit("Lead", id: lead.id, set: ["Title": .string("CFO")])
        world.wait()
        _ = try Self.cycle(world, mapping)
        #expect(try Self.routing(world, lead.id).count == 1)

        // Fabrikam is back (the shipped roster); the next edit routes the lead.
        mapping.leadDistribution = shipped
        try world.salesforce.edit("Lead", id: lead.id, set: ["Title": .string("CEO")])
        world.wait()
        let routed = try Self.cycle(world, mapping)
        #expect(routed.crm.updated == 1)
        #expect(world.salesforce.record("Lead", id: lead.id)?.value(at: "Partner_Account__c") == .string(Self.fabrikam))
        #expect(try Self.routing(world, lead.id).last?.rule == "lead.routing.round_robin")
    }

    @Test("round-robin over 1,000 leads follows capacity 2:1 within 2%, across cycles")
    func fairness() throws {
        let world = try Self.world()
        // France: no territory rule; 'everyone' offers to northwind (capacity 2, covers FR)
        // and fabrikam (1, anywhere); contoso does not cover France.
        var ids: [String] = []
        for batch in 0..<2 {
            let leads = (0..<500).map { Self.lead("Lead\(batch)x\($0)", country: "FR") }
            ids += try world.salesforce.seed("Lead", records: leads).map(\.id)
            world.wait()
            let summary = try world.cycle("leads")
            #expect(summary.crm.updated == 500 && summary.problems == 0)
        }
        var counts: [String: Int] = [:]
        for id in ids {
            if case let .string(partner)? = world.salesforce.record("Lead", id: id)?.value(at: "Partner_Account__c") {
                counts[partner, default: 0] += 1
            }
        }
        #expect(counts.values.reduce(0, +) == 1_000)
        let northwind = Double(counts[Self.northwind, default: 0]) / 1_000
        let fabrikam = Double(counts[Self.fabrikam, default: 0]) / 1_000
        #expect(abs(northwind - 2.0 / 3) <= 0.02 && abs(fabrikam - 1.0 / 3) <= 0.02, "\(counts)")
        #expect(counts[Self.contoso] == nil)
        #expect(try world.state.routingCounters(mapping: "leads")["everyone"]?.count == 2)
    }
}
