import Foundation
import SyncCore

/// A partner program at the size of a small vendor's channel, for `channelsync demo`:
/// partner accounts on both systems, a few hundred CRM opportunities and leads (some
/// partner business, some direct), deal registrations in the Impartner-style portal,
/// and the leads partners already work in the portal. Consistent with the shipped
/// mappings' workflows: registrations of new deals are for customers the CRM does not
/// know (the channel-conflict check finds nothing), registrations of deals the CRM has
/// agree with it field by field (the first sync links them with nothing to decide),
/// approvals are still protected, and only leads the vendor's reps work are unassigned.
/// Deterministic: the same `seed` on the same day gives the same records (ids and
/// timestamps come from the store and its clock; dates count from the clock's today).
extension SandboxEnvironment {
    @discardableResult
    public func seedPartnerProgram(opportunities: Int = 300, leads: Int = 300, registrations: Int = 60,
                                   seed: UInt64 = 2024) throws(SandboxError) -> PartnerProgram {
        var random = SeededRandom(seed: seed)
        let today = Int(clock.now() / 86_400_000)
        let customers = PartnerProgram.customers, newCustomers = PartnerProgram.newCustomers
        let kinds = ["expansion", "renewal", "pilot", "platform deal", "upgrade", "rollout"]
        // Every (customer, kind) once, shuffled: opportunity names stay unique, so the
        // deals mapping's match key (name + customer domain) never finds two candidates.
        var deals = customers.indices.flatMap { customer in kinds.indices.map { (customer, $0) } }
        deals.shuffle(using: &random)
        let opportunityCount = min(max(0, opportunities), deals.count)
        let partners = try seedPartners()

        // CRM opportunities: about 60% partner business (in the deals mapping's scope).
        let stages = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
                      "Closed Won", "Closed Lost"]
        let decisions = ["Submitted", "Under Review", "Approved", "Approved", "Approved", "Rejected"]
        var records: [[String: JSONValue]] = []
        var partnerOpportunities = 0
        for index in 0..<opportunityCount {
            let (customer, kind) = deals[index]
            let stage = stages[Int.random(in: 0..<stages.count, using: &random)]
            let closed = stage.hasPrefix("Closed")
            var fields: [String: JSONValue] = [
                "Name": .string("\(customers[customer].name) \(kinds[kind])"),
                "StageName": .string(stage),
                "CloseDate": .string(Self.date(today + (closed ? -Int.random(in: 1...270, using: &random)
                                                              : Int.random(in: 14...270, using: &random)))),
                "Amount": Self.amount(using: &random),
                "Customer_Domain__c": .string(customers[customer].domain),
                "Customer_Name__c": .string(customers[customer].name),
                "Customer_Email__c": .string("buyer@\(customers[customer].domain)"),
            ]
            if Int.random(in: 0..<10, using: &random) < 6 {
                partnerOpportunities += 1
                let decision = decisions[Int.random(in: 0..<decisions.count, using: &random)]
                fields["Partner_Account__c"] = .string(partners[Int.random(in: 0..<partners.count, using: &random)].crmAccountID)
                fields["Deal_Registration_Status__c"] = .string(decision)
                fields["LeadSource"] = .string("Partner Referral")
                if decision == "Approved" {
                    // Approved within the last 90 days: still protected, for a week at least.
                    let expires = today + Int.random(in: 7...85, using: &random)
                    fields["Registration_Expires_At__c"] = .string(Self.date(expires))
                    fields["Registration_Decided_At__c"] = .string(Self.instant(day: expires - 90))
                    fields["Decision_Reason__c"] = .string("Partner-sourced, no open direct opportunity")
                }
                if decision == "Rejected" {
                    fields["Registration_Decided_At__c"] = .string(Self.instant(day: today - Int.random(in: 1...60, using: &random)))
                    fields["Decision_Reason__c"] = .string("Direct opportunity already open")
                }
            } else {
                fields["LeadSource"] = .string(["Web", "Trade Show", "Outbound"][index % 3])
            }
            records.append(fields)
        }
        let seededOpportunities = try salesforce.store.seed("Opportunity", records: records)

        // Portal registrations: a quarter register deals the CRM already has (the same
        // partner, linked by the match key, not created twice); the rest are new deals
        // with customers the vendor has never seen, one customer each.
        let partnerDeals = seededOpportunities.filter { $0.fields["Partner_Account__c"] != nil }
        let wanted = max(0, registrations)
        let matching = min(wanted / 4, partnerDeals.count)
        let registrationCount = matching + min(wanted - matching, newCustomers.count - 1)
        let portalStages = ["Prospect", "Qualified", "Proposal", "Negotiation"]
        records = []
        for index in 0..<registrationCount {
            var fields: [String: JSONValue]
            if index < matching {
                // The partner registered what the vendor has: the first sync links the
                // two and finds nothing to decide.
                let opportunity = partnerDeals[index * partnerDeals.count / max(1, matching)]
                let account = opportunity.fields["Partner_Account__c"]?.asString
                fields = Self.portalView(of: opportunity, partner: partners.first { $0.crmAccountID == account } ?? partners[0])
            } else {
                let customer = newCustomers[index - matching]
                let partner = partners[Int.random(in: 0..<partners.count, using: &random)]
                fields = [
                    "name": .string("\(customer.name) \(kinds[Int.random(in: 0..<kinds.count, using: &random)])"),
                    "amount": Self.amount(using: &random),
                    "closeDate": .string(Self.date(today + Int.random(in: 30...300, using: &random))),
                    "stage": .object(["name": .string(portalStages[Int.random(in: 0..<portalStages.count, using: &random)])]),
                    "company": .object(["name": .string(customer.name), "domain": .string(customer.domain)]),
                    "contact": .object(["email": .string("procurement@\(customer.domain)")]),
                    "partner": Self.portalPartner(partner),
                    "registrationStatus": .string("submitted"),
                ]
            }
            records.append(fields)
        }
        try impartner.store.seed("Deal", records: records)

        let leadCounts = try seedPartnerLeads(leads, partners: partners, random: &random)
        return PartnerProgram(partners: partners, opportunities: opportunityCount, partnerOpportunities: partnerOpportunities,
                              leads: max(0, leads), routedLeads: leadCounts.routed, acceptedLeads: leadCounts.accepted,
                              registrations: registrationCount, matchingRegistrations: matching,
                              newCustomer: newCustomers[newCustomers.count - 1])
    }

    /// Eight resellers, in the CRM first (so the first three get the account ids the
    /// shipped leads roster names: `0015g0000000000AAA`, …) and then in the portal.
    private func seedPartners() throws(SandboxError) -> [PartnerProgram.Partner] {
        let names = ["Northwind Partners", "Contoso Channel", "Fabrikam Resellers", "Adventure Works IT",
                     "Litware Systems", "Proseware Group", "Tailspin Integrators", "Wide World Solutions"]
        let tiers = ["Gold", "Silver", "Bronze", "Silver", "Silver", "Bronze", "Bronze", "Gold"]
        var partners: [PartnerProgram.Partner] = []
        for (index, name) in names.enumerated() {
            let crm = try salesforce.store.seed("Account", fields: [
                "Name": .string(name), "Type": .string("Partner"), "Partner_Tier__c": .string(tiers[index]),
                "Website": .string(PartnerProgram.customer(name).domain),
            ])
            partners.append(PartnerProgram.Partner(name: name, crmAccountID: crm.id, portalAccountID: ""))
        }
        for index in partners.indices {
            partners[index].portalAccountID = try impartner.store.seed("Account", fields: [
                "name": .string(partners[index].name), "tier": .string(tiers[index]),
                "crmId": .string(partners[index].crmAccountID),
            ]).id
        }
        return partners
    }

    /// A CRM opportunity as its registering partner entered it in the portal: every
    /// field the deals mapping compares holds the same canonical value.
    private static func portalView(of opportunity: SandboxRecord, partner: PartnerProgram.Partner) -> [String: JSONValue] {
        let stages = ["Prospecting": "Prospect", "Qualification": "Qualified", "Needs Analysis": "Qualified",
                      "Proposal/Price Quote": "Proposal", "Negotiation/Review": "Negotiation", "Closed Won": "Won",
                      "Closed Lost": "Lost"]
        let fields = opportunity.fields
        var view: [String: JSONValue] = [
            "name": fields["Name"] ?? .null,
            "company": .object(["name": fields["Customer_Name__c"] ?? .null, "domain": fields["Customer_Domain__c"] ?? .null]),
            "contact": .object(["email": fields["Customer_Email__c"] ?? .null]),
            "partner": portalPartner(partner),
        ]
        view["amount"] = fields["Amount"]
        view["closeDate"] = fields["CloseDate"]
        if let stage = fields["StageName"]?.asString.flatMap({ stages[$0] }) {
            view["stage"] = .object(["name": .string(stage)])
        }
        if let decision = fields["Deal_Registration_Status__c"]?.asString {
            view["registrationStatus"] = .string(decision.lowercased().replacingOccurrences(of: " ", with: "_"))
        }
        view["decisionReason"] = fields["Decision_Reason__c"]
        if let decided = fields["Registration_Decided_At__c"]?.asString, let millis = ISO8601Instant.parse(decided) {
            view["decidedAt"] = .int(millis)
        }
        // The portal writes the protection end day first (dd/MM/yyyy).
        if let expires = fields["Registration_Expires_At__c"]?.asString, let date = CalendarDate(iso: expires) {
            let day = date.day < 10 ? "0\(date.day)" : "\(date.day)", month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
            view["protection"] = .object(["expiresOn": .string("\(day)/\(month)/\(date.year)")])
        }
        return view
    }

    static func portalPartner(_ partner: PartnerProgram.Partner) -> JSONValue {
        .object(["id": .string(partner.portalAccountID), "name": .string(partner.name),
                 "crmAccountId": .string(partner.crmAccountID)])
    }

    /// Amounts from 5,000 to 250,000 in steps of 250: money as exact decimals.
    private static func amount(using random: inout SeededRandom) -> JSONValue {
        .number(Decimal(Int.random(in: 20...1_000, using: &random) * 250))
    }

    /// `YYYY-MM-DD` of a day counted from 1970-01-01.
    static func date(_ day: Int) -> String {
        CalendarDate(daysSinceEpoch: day)?.description ?? "1970-01-01"
    }

    /// 15:00 UTC on a day, as Salesforce writes a date-time.
    private static func instant(day: Int) -> String {
        date(day) + "T15:00:00.000+0000"
    }
}
