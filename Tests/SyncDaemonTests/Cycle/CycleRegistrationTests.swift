import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The shipped deals mapping's registration program, end to end through real cycles
/// against the Salesforce and Impartner stand-ins on one manual clock: each lifecycle
/// path, the channel-conflict check, and the journal rows `channelsync journal` and
/// `show` print for the record.
@Suite("Cycle: deal registrations (shipped deals mapping)")
struct CycleRegistrationTests {
    static let partner = CycleWorld.partnerAccounts[1]
    static let otherPartner = CycleWorld.partnerAccounts[0]
    static let day: Int64 = 86_400_000

    static func registration(_ name: String, company: String, domain: String, email: String,
                             partner: String = partner) -> [String: JSONValue] {
        ["name": .string(name), "amount": .number(20000), "closeDate": .string("2024-09-30T00:00:00Z"),
         "stage": .object(["name": .string("Prospect")]),
         "company": .object(["name": .string(company), "domain": .string(domain)]),
         "contact": .object(["email": .string(email)]), "partner": .object(["crmAccountId": .string(partner)]),
         "registrationStatus": .string("submitted")]
    }

    static func rules(_ world: CycleWorld, record: String) throws -> [String] {
        try world.state.journal(JournalQuery(record: record, limit: 500, newest: false)).compactMap(\.rule)
    }

    /// A partner's registration, submitted and synced: its CRM opportunity.
    static func submitted(_ world: CycleWorld, _ fields: [String: JSONValue]) throws -> (deal: SandboxRecord, opportunity: SandboxRecord) {
        let deal = try world.portal.seed("Deal", fields: fields)
        world.wait()
        try world.cycle("deals")
        let opportunity = try #require(world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(deal.id) })
        return (deal, opportunity)
    }

    @Test("submit → pending in the CRM → approve → approved with expires_at in the PRM → expired on both sides")
    func approveThenExpire() throws {
        let world = try CycleWorld()
        let (deal, opportunity) = try Self.submitted(world, Self.registration(
            "Initech rollout", company: "Initech", domain: "initech.example", email: "bill@initech.example"))
        #expect(opportunity.value(at: "Deal_Registration_Status__c") == .string("Submitted"))
        #expect(opportunity.value(at: "Partner_Account__c") == .string(Self.partner))
        #expect(try Self.rules(world, record: deal.id).contains("registration.submitted"))

        // The vendor approves in the CRM without a decision time: the daemon stamps it.
        world.wait()
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: [
            "Deal_Registration_Status__c": .string("Approved"), "Decision_Reason__c": .string("Strategic account"),
        ])
        world.wait()
        let decidedAt = world.clock.now()
        try world.cycle("deals")
        let approved = try #require(world.portal.record("Deal", id: deal.id))
        #expect(approved.value(at: "registrationStatus") == .string("approved"))
        #expect(approved.value(at: "decisionReason") == .string("Strategic account"))
        #expect(approved.value(at: "decidedAt") == .number(Decimal(decidedAt)))
        let expiry = try #require(ProtectionPeriod(days: 90).expiry(decidedAt: decidedAt))
        let dayMonthYear = String(format: "%02d/%02d/%04d", expiry.day, expiry.month, expiry.year)
        #expect(approved.value(at: "protection.expiresOn") == .string(dayMonthYear))
        let crmApproved = try #require(world.salesforce.record("Opportunity", id: opportunity.id))
        #expect(crmApproved.value(at: "Registration_Expires_At__c") == .string(expiry.description))
        #expect(crmApproved.value(at: "Registration_Decided_At__c") != nil)
        #expect(try Self.rules(world, record: deal.id).contains("registration.approved"))

        // Still protected on the last day: nothing expires.
        world.wait()
        try world.cycle("deals")
        world.clock.advance(by: 89 * Self.day)
        #expect(try world.cycle("deals").writes.isEmpty)
        // The day after the last protected day, the daemon expires it on both sides.
        world.clock.advance(by: 2 * Self.day)
        let expiring = try world.cycle("deals")
        #expect(expiring.crm.updated == 1 && expiring.prm.updated == 1 && expiring.problems == 0)
        #expect(world.portal.record("Deal", id: deal.id)?.value(at: "registrationStatus") == .string("expired"))
        #expect(world.salesforce.record("Opportunity", id: opportunity.id)?.value(at: "Deal_Registration_Status__c") == .string("Expired"))
        let rows = try world.state.journal(JournalQuery(record: opportunity.id, limit: 500))
        #expect(rows.contains { $0.rule == "registration.expired" && $0.status == .applied })
        // The echoes change nothing.
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)

        // expired → approved without the extension rule is refused: journaled, not written.
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Deal_Registration_Status__c": .string("Approved")])
        world.wait()
        let refused = try world.cycle("deals")
        #expect(refused.prm.updated == 0 && refused.crm.updated == 1)
        #expect(world.portal.record("Deal", id: deal.id)?.value(at: "registrationStatus") == .string("expired"))
        #expect(world.salesforce.record("Opportunity", id: opportunity.id)?.value(at: "Deal_Registration_Status__c") == .string("Expired"),
                "the legal status is re-asserted where it was changed")
        let refusal = try #require(try world.state.journal(JournalQuery(record: opportunity.id, limit: 500))
            .first { $0.rule == "registration.transition.refused" })
        #expect(refusal.detail?.contains("extension") == true)
        world.wait()
        let after = try world.cycle("deals")
        #expect(after.writes.isEmpty, "a refused change is not re-decided every cycle: \(after.writes)")
    }

    /// Reading every active link's shadow is O(links): it happens once a day (and after a
    /// failed cycle or a restart); later cycles of the day read only the links the previous
    /// cycle changed. Shown by moving an approved registration's expiry into the past
    /// behind the daemon's back (no cycle touches it): the same day nothing reads it again,
    /// the next day's first cycle expires it.
    @Test("the expiry check reads every link once a day, then only the links a cycle changed")
    func expiryCheckedOnceADay() throws {
        let world = try CycleWorld()
        var approved: [(deal: SandboxRecord, link: String)] = []
        for (name, domain) in [("Umbrella labs", "umbrella.example"), ("Cyberdyne pilot", "cyberdyne.example")] {
            let (deal, opportunity) = try Self.submitted(world, Self.registration(
                name, company: name, domain: domain, email: "buyer@\(domain)"))
            world.wait()
            try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Deal_Registration_Status__c": .string("Approved")])
            world.wait()
            try world.cycle("deals")
            let link = try #require(try world.state.liveLink(mapping: "deals", side: .crm, recordID: opportunity.id))
            #expect(world.state.expiryChecks["deals"]?.recheck.contains(link.id) == true, "changed by the cycle: read again")
            approved.append((deal, link.id))
        }
        world.wait()
        try world.cycle("deals")  // the echoes
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)
        #expect(world.state.expiryChecks["deals"]?.recheck.isEmpty == true)
        func backdate(_ link: String) throws {
            try world.state.database.execute("""
                UPDATE shadows SET crm_values = json_set(crm_values, '$.expires_at.date', '2020-01-01') WHERE link_id = ?
                """, [.text(link)])
        }
        func status(_ deal: SandboxRecord) -> JSONValue? { world.portal.record("Deal", id: deal.id)?.value(at: "registrationStatus") }

        try backdate(approved[0].link)
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty, "the same day, a link no cycle changed is not read again")
        // A failed cycle leaves no check behind: the next one reads every link.
        world.portal.inject(.status(500), route: "impartner.list", times: 5)
        world.wait()
        #expect(throws: CycleError.self) { try world.cycle("deals") }
        #expect(world.state.expiryChecks["deals"] == nil)
        world.wait()
        let afterFailure = try world.cycle("deals")
        #expect(afterFailure.crm.updated == 1 && afterFailure.prm.updated == 1, "\(afterFailure.writes)")
        #expect(status(approved[0].deal) == .string("expired"))

        // The first cycle of the day its protection is over reads every link again.
        world.wait()
        try world.cycle("deals")  // the echoes
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)
        #expect(status(approved[1].deal) == .string("approved"))
        world.clock.advance(by: 91 * Self.day)
        let dayAfter = try world.cycle("deals")
        #expect(dayAfter.crm.updated == 1 && dayAfter.prm.updated == 1, "\(dayAfter.writes)")
        #expect(status(approved[1].deal) == .string("expired"))
    }

    @Test("reject with a reason; return and resubmit; won reports amount and close date")
    func rejectReturnResubmitWin() throws {
        let world = try CycleWorld()
        let (rejectedDeal, rejectedOpp) = try Self.submitted(world, Self.registration(
            "Umbrella pilot", company: "Umbrella Corp", domain: "umbrella.example", email: "ops@umbrella.example"))
        let (returnedDeal, returnedOpp) = try Self.submitted(world, Self.registration(
            "Hooli platform", company: "Hooli", domain: "hooli.example", email: "gavin@hooli.example"))

        try world.salesforce.edit("Opportunity", id: rejectedOpp.id, set: [
            "Deal_Registration_Status__c": .string("Rejected"), "Decision_Reason__c": .string("Existing direct customer"),
        ])
        try world.salesforce.edit("Opportunity", id: returnedOpp.id, set: [
            "Deal_Registration_Status__c": .string("Returned"), "Decision_Reason__c": .string("Add the buyer's budget"),
        ])
        world.wait()
        try world.cycle("deals")
        let rejected = try #require(world.portal.record("Deal", id: rejectedDeal.id))
        #expect(rejected.value(at: "registrationStatus") == .string("rejected"))
        #expect(rejected.value(at: "decisionReason") == .string("Existing direct customer"))
        #expect(rejected.value(at: "decidedAt") != nil)
        #expect(try Self.rules(world, record: rejectedDeal.id).contains("registration.rejected"))
        #expect(world.portal.record("Deal", id: returnedDeal.id)?.value(at: "registrationStatus") == .string("returned"))

        // The partner fixes and resubmits; the vendor then approves and wins the deal.
        world.wait()
        try world.portal.edit("Deal", id: returnedDeal.id, set: ["registrationStatus": .string("submitted"), "amount": .number(31000)])
        world.wait()
        try world.cycle("deals")
        #expect(world.salesforce.record("Opportunity", id: returnedOpp.id)?.value(at: "Deal_Registration_Status__c") == .string("Submitted"))
        #expect(try Self.rules(world, record: returnedDeal.id).contains("registration.resubmitted"))
        world.wait()
        try world.salesforce.edit("Opportunity", id: returnedOpp.id, set: ["Deal_Registration_Status__c": .string("Approved")])
        world.wait()
        try world.cycle("deals")
        world.wait()
        try world.salesforce.edit("Opportunity", id: returnedOpp.id, set: [
            "StageName": .string("Closed Won"), "Amount": .number(33000), "CloseDate": .string("2024-08-15"),
        ])
        world.wait()
        try world.cycle("deals")
        let won = try #require(world.portal.record("Deal", id: returnedDeal.id))
        #expect(won.value(at: "registrationStatus") == .string("won"))
        #expect(won.value(at: "amount") == .number(33000))
        #expect(won.value(at: "closeDate") == .string("2024-08-15"))
        #expect(world.salesforce.record("Opportunity", id: returnedOpp.id)?.value(at: "Deal_Registration_Status__c") == .string("Closed Won"))
        #expect(try Self.rules(world, record: returnedDeal.id).contains("registration.won"))

        // A rejected registration cannot be approved by the partner from the portal.
        world.wait()
        try world.portal.edit("Deal", id: rejectedDeal.id, set: ["registrationStatus": .string("approved")])
        world.wait()
        try world.cycle("deals")
        #expect(world.salesforce.record("Opportunity", id: rejectedOpp.id)?.value(at: "Deal_Registration_Status__c") == .string("Rejected"))
        #expect(try Self.rules(world, record: rejectedDeal.id).contains("registration.transition.refused"))
    }

    @Test("a registration from a partner the CRM does not know goes to review; nothing is created")
    func unknownPartner() throws {
        let world = try CycleWorld()
        let deal = try world.portal.seed("Deal", fields: Self.registration(
            "Vandelay imports", company: "Vandelay Industries", domain: "vandelay.example", email: "art@vandelay.example",
            partner: "001000000000099AAA"))
        world.wait()
        let cycle = try world.cycle("deals")
        #expect(cycle.crm.created == 0 && world.salesforce.records("Opportunity").isEmpty)
        let held = try #require(world.portal.record("Deal", id: deal.id))
        #expect(held.value(at: "registrationStatus") == .string("under_review"))
        #expect(held.value(at: "decisionReason").map { "\($0)" }?.contains("001000000000099AAA") == true)
        #expect(try Self.rules(world, record: deal.id).contains("registration.partner.unknown"))
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty, "the held registration's echo plans nothing")
    }

    /// One open CRM opportunity and another partner's approved registration; new
    /// registrations that match them by domain, email and name become duplicates with a
    /// channel conflict; a near miss is created.
    @Test("channel conflicts by domain, by email, by fuzzy name; a near miss is created")
    func channelConflicts() throws {
        let world = try CycleWorld()
        let direct = try world.salesforce.seed("Opportunity", fields: [
            "Name": .string("Wayne Enterprises renewal"), "StageName": .string("Qualification"), "CloseDate": .string("2024-07-01"),
            "Customer_Domain__c": .string("https://www.WayneEnterprises.example/contact"), "Customer_Name__c": .string("Wayne Enterprises"),
        ])
        let (rival, _) = try Self.submitted(world, Self.registration(
            "Stark Industries fit-out", company: "Stark Industries, Inc.", domain: "stark.example", email: "pepper.potts@gmail.com",
            partner: Self.otherPartner))

        let byDomain = try world.portal.seed("Deal", fields: Self.registration(
            "Wayne upgrade", company: "WE Holdings", domain: "wayneenterprises.example", email: "lucius@gmail.com"))
        // The same contact at a free-mail provider: email evidence, never domain evidence.
        let byEmail = try world.portal.seed("Deal", fields: Self.registration(
            "Stark refresh", company: "Stark Labs", domain: "starklabs.example", email: "Pepper.Potts@Gmail.com"))
        let byName = try world.portal.seed("Deal", fields: Self.registration(
            "Tower retrofit", company: "Stark Industries LLC", domain: "stark-tower.example", email: "happy@gmail.com"))
        let nearMiss = try world.portal.seed("Deal", fields: Self.registration(
            "Starling pilot", company: "Starling Industries", domain: "starling.example", email: "ann@starling.example"))
        world.wait()
        let cycle = try world.cycle("deals")
        #expect(cycle.crm.created == 1, "only the near miss becomes an opportunity")
        #expect(world.salesforce.records("Opportunity").contains { $0.value(at: "PRM_Deal_Id__c") == .string(nearMiss.id) })

        let conflicts = try world.state.conflicts(mapping: "deals").filter { $0.kind == .channel }
        for (deal, basis, other) in [(byDomain, "domain", direct.id), (byEmail, "email", rival.id), (byName, "name", rival.id)] {
            #expect(world.portal.record("Deal", id: deal.id)?.value(at: "registrationStatus") == .string("duplicate"), "\(basis)")
            #expect(!world.salesforce.records("Opportunity").contains { $0.value(at: "PRM_Deal_Id__c") == .string(deal.id) })
            let conflict = try #require(conflicts.first { $0.prmID == deal.id }, "\(basis)")
            #expect(conflict.field == basis, "\(basis): \(conflict.field ?? "-") \(conflict.candidates) \(other)")
            #expect(conflict.candidates.contains(other), "\(basis): \(conflict.candidates) \(other)")
            let row = try #require(try world.state.journal(JournalQuery(record: deal.id)).first { $0.rule == "channel_conflict.\(basis)" })
            #expect(row.detail?.contains(other) == true, "the evidence names the other record: \(row.detail ?? "")")
        }
        #expect(conflicts.count == 3, "\(conflicts.map { ($0.prmID ?? "", $0.field ?? "", $0.candidates) })")
        #expect(try Self.rules(world, record: nearMiss.id).contains("registration.submitted"))
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty, "duplicates' echoes plan nothing")
    }
}
