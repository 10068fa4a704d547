import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// The demo's partner program is consistent with the shipped workflows: the
/// channel-conflict check (by the real matcher, at the shipped threshold) finds nothing
/// among registrations of new customers, registrations of existing deals match their
/// opportunity exactly, approvals are still protected, and the leads roster's partner
/// accounts exist.
@Suite("Partner program seed")
struct PartnerProgramSeedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func newRegistrationsClaimNoCustomerTheCRMOrAnotherPartnerHas() throws {
        let sandbox = SandboxEnvironment()
        let program = try sandbox.seedPartnerProgram()
        let opportunities = sandbox.salesforce.store.records("Opportunity")
        let registrations = sandbox.impartner.store.records("Deal")
        #expect(opportunities.count == program.opportunities && registrations.count == program.registrations)

        let known = Dictionary(opportunities.map { (Self.key($0.fields["Name"], $0.fields["Customer_Domain__c"]), $0) },
                               uniquingKeysWith: { first, _ in first })
        #expect(known.count == opportunities.count, "opportunity names + domains are unique (the match key)")
        var matched = 0
        var newcomers: [(String, CustomerIdentity)] = []
        for registration in registrations {
            let domain = registration.value(at: "company.domain")
            if let opportunity = known[Self.key(registration.fields["name"], domain)] {
                matched += 1
                #expect(registration.value(at: "partner.crmAccountId") == opportunity.fields["Partner_Account__c"])
                #expect(registration.value(at: "company.name") == opportunity.fields["Customer_Name__c"])
                #expect(registration.value(at: "contact.email") == opportunity.fields["Customer_Email__c"])
                #expect(registration.fields["amount"] == opportunity.fields["Amount"])
            } else {
                newcomers.append((registration.id, CustomerIdentity(domain: domain?.asString,
                                                                     email: registration.value(at: "contact.email")?.asString,
                                                                     name: registration.value(at: "company.name")?.asString)))
            }
        }
        #expect(matched == program.matchingRegistrations && matched == 15)
        #expect(newcomers.count == 45)
        newcomers.append(("story", CustomerIdentity(domain: program.newCustomer.domain, email: nil, name: program.newCustomer.name)))

        let matcher = ChannelConflictMatcher(nameThreshold: 0.92)
        let crm = opportunities.map {
            CustomerIdentity(domain: $0.fields["Customer_Domain__c"]?.asString, email: $0.fields["Customer_Email__c"]?.asString,
                             name: $0.fields["Customer_Name__c"]?.asString)
        }
        var clashes: [String] = []
        for (index, (id, customer)) in newcomers.enumerated() {
            if crm.contains(where: { matcher.evidence(customer, $0) != nil }) { clashes.append("\(id) vs the CRM") }
            for (other, rival) in newcomers[(index + 1)...] where matcher.evidence(customer, rival) != nil {
                clashes.append("\(id) vs \(other)")
            }
        }
        #expect(clashes.isEmpty, "\(clashes)")
    }

    @Test func approvalsAreProtectedForAWeekAtLeastAndDecisionsAgreeOnBothSides() throws {
        let clock = ManualClock()
        let sandbox = SandboxEnvironment(clock: clock)
        try sandbox.seedPartnerProgram()
        let today = try #require(CalendarDate(daysSinceEpoch: Int(clock.now() / 86_400_000)))
        let approved = sandbox.salesforce.store.records("Opportunity").filter {
            $0.fields["Deal_Registration_Status__c"] == .string("Approved")
        }
        #expect(approved.count > 20)
        for opportunity in approved {
            let expires = try #require(opportunity.fields["Registration_Expires_At__c"]?.asString.flatMap { CalendarDate(iso: $0) })
            #expect(expires.daysSinceEpoch - today.daysSinceEpoch >= 7, "\(opportunity.id) expires \(expires)")
            #expect(opportunity.fields["Registration_Decided_At__c"] != nil)
        }
    }

    /// Every partner of `config/mappings/leads.json5`'s roster is a seeded CRM partner
    /// account with the roster's name (ids are the sandbox's first Account ids).
    @Test func theLeadsRosterNamesSeededPartnerAccounts() throws {
        let sandbox = SandboxEnvironment()
        let program = try sandbox.seedPartnerProgram()
        let roster = try String(contentsOf: Self.repository.appendingPathComponent("config/mappings/leads.json5"), encoding: .utf8)
        let entries = roster.split(separator: "\n").filter { $0.contains("crmAccountId: \"") }
        #expect(entries.count == 3)
        for entry in entries {
            let id = try #require(entry.components(separatedBy: "crmAccountId: \"").last?.components(separatedBy: "\"").first)
            let partner = try #require(program.partners.first { $0.crmAccountID == id }, "roster account \(id)")
            #expect(entry.contains("name: \"\(partner.name)\""), "\(entry)")
            #expect(sandbox.salesforce.store.record("Account", id: id)?.fields["Type"] == .string("Partner"))
        }
    }

    private static func key(_ name: JSONValue?, _ domain: JSONValue?) -> String {
        "\(name?.asString ?? "")|\(domain?.asString ?? "")"
    }
}
