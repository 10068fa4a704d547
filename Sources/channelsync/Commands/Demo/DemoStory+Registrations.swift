import Foundation
import Sandbox
import SyncCore
import SyncStore

/// The deal-registration part of the story: a registration for a new customer passes
/// the channel-conflict check, becomes a pending opportunity and is approved in the
/// CRM; one for a customer with an open opportunity is marked duplicate instead.
extension DemoStory {
    /// Returns the opportunity the registration became.
    func registrationApproved() throws(DemoError) -> String {
        guard let partner = program.partners.first else { throw .missingRecord("partner account") }
        let customer = program.newCustomer
        let name = "\(customer.name) fleet rollout"
        progress.say("Portal: \(partner.name) registers a new deal, \"\(name)\", for \(customer.name), a customer the vendor has never met.")
        let registrationID = CreatedID()
        let submitted = try between("deals") {
            registrationID.value = try? portal.seed("Deal", fields: [
                "name": .string(name), "amount": .number(48_000), "closeDate": .string(day(inDays: 120)),
                "stage": .object(["name": .string("Qualified")]),
                "company": .object(["name": .string(customer.name), "domain": .string(customer.domain)]),
                "contact": .object(["email": .string("fleet@\(customer.domain)")]),
                "partner": .object(["id": .string(partner.portalAccountID), "name": .string(partner.name),
                                    "crmAccountId": .string(partner.crmAccountID)]),
                "registrationStatus": .string("submitted"),
            ]).id
        }
        var opportunity = ""
        try step("registration submitted", expected: "a pending (Submitted) opportunity in Salesforce on the partner's account") {
            progress.wait(for: "deals", after: submitted, until: deadline) {
                guard let id = registrationID.value,
                      let created = crm.records("Opportunity").first(where: { text($0.fields["PRM_Deal_Id__c"]) == id }) else { return false }
                opportunity = created.id
                return text(created.fields["Deal_Registration_Status__c"]) == "Submitted"
                    && text(created.fields["Partner_Account__c"]) == partner.crmAccountID
            }
        }
        guard let registration = registrationID.value else { throw .missingRecord("the new registration") }
        progress.say("✓ No other claim on \(customer.name) (channel-conflict check by domain, email and name): Salesforce has "
                     + "opportunity \(opportunity), Submitted, on the account of \(partner.name).")

        progress.say("Salesforce: the channel manager approves the registration.")
        let opportunityID = opportunity
        let decided = try between("deals") {
            _ = try? crm.edit("Opportunity", id: opportunityID, set: [
                "Deal_Registration_Status__c": .string("Approved"),
                "Decision_Reason__c": .string("Net-new customer sourced by the partner"),
            ])
        }
        var expires = ""
        try step("registration approved", expected: "approved with expires_at and the decision time in the portal, the same expiry in Salesforce") {
            progress.wait(for: "deals", after: decided, until: deadline) {
                let deal = portal.record("Deal", id: registration)
                let crmExpiry = text(crm.record("Opportunity", id: opportunityID)?.fields["Registration_Expires_At__c"])
                guard text(deal?.fields["registrationStatus"]) == "approved", let date = CalendarDate(iso: crmExpiry),
                      text(deal?.value(at: "protection.expiresOn")) == Self.dayFirst(date),
                      deal?.fields["decidedAt"] != nil, !text(deal?.fields["decisionReason"]).isEmpty else { return false }
                expires = crmExpiry
                return true
            }
        }
        progress.say("✓ The portal shows the registration approved, protected until \(expires) (90 days from the decision), "
                     + "with the reason and decision time; Salesforce holds the same expiry.")
        return opportunityID
    }

    /// Returns the portal registration marked duplicate.
    func duplicateRegistration() throws(DemoError) -> String {
        // A deal the vendor's own sales team works: open, no partner.
        guard let direct = crm.records("Opportunity").first(where: {
            $0.fields["Partner_Account__c"] == nil && !text($0.fields["StageName"]).hasPrefix("Closed")
                && !text($0.fields["Customer_Domain__c"]).isEmpty
        }) else { throw .missingRecord("open direct opportunity") }
        guard program.partners.count >= 2 else { throw .missingRecord("a second partner account") }
        let partner = program.partners[1]
        let company = text(direct.fields["Customer_Name__c"]), domain = text(direct.fields["Customer_Domain__c"])
        let name = "\(company) analytics add-on"
        progress.say("Portal: \(partner.name) registers \"\(name)\", but Salesforce already has an open direct opportunity "
                     + "with \(company) (\"\(text(direct.fields["Name"]))\").")
        let registrationID = CreatedID()
        let submitted = try between("deals") {
            registrationID.value = try? portal.seed("Deal", fields: [
                "name": .string(name), "amount": .number(22_500), "closeDate": .string(day(inDays: 90)),
                "stage": .object(["name": .string("Prospect")]),
                "company": .object(["name": .string(company), "domain": .string(domain)]),
                "partner": .object(["id": .string(partner.portalAccountID), "name": .string(partner.name),
                                    "crmAccountId": .string(partner.crmAccountID)]),
                "registrationStatus": .string("submitted"),
            ]).id
        }
        try step("duplicate registration", expected: "the registration marked duplicate in the portal, nothing created in Salesforce, a channel conflict") {
            progress.wait(for: "deals", after: submitted, until: deadline) {
                guard let id = registrationID.value else { return false }
                return text(portal.record("Deal", id: id)?.fields["registrationStatus"]) == "duplicate"
                    && !crm.records("Opportunity").contains { text($0.fields["PRM_Deal_Id__c"]) == id }
                    && openChannelConflict(registration: id)
            }
        }
        progress.say("✓ The channel-conflict check matched the customer's domain: the portal shows the registration as "
                     + "duplicate with the reason, no opportunity was created, and the conflict waits in `channelsync conflicts`.")
        return registrationID.value ?? ""
    }

    private func openChannelConflict(registration: String) -> Bool {
        guard let state = try? SyncState.openReadOnly(path: databasePath) else { return false }
        defer { try? state.close() }
        let open = (try? state.conflicts(mapping: "deals", states: [.open])) ?? []
        return open.contains { $0.kind == .channel && ($0.prmID == registration || $0.candidates.contains(registration)) }
    }

    /// `YYYY-MM-DD`, `days` after the demo clock's today.
    func day(inDays days: Int) -> String {
        CalendarDate(daysSinceEpoch: Int(clock.now() / 86_400_000) + days)?.description ?? "2030-01-01"
    }

    /// `dd/MM/yyyy`, as the portal writes a protection end.
    static func dayFirst(_ date: CalendarDate) -> String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }
}
