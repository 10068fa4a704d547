import Foundation
import SyncCore

/// A partner program at the size of a small vendor's channel, for `channelsync demo`:
/// partner accounts on both systems, a few hundred CRM opportunities and leads (some
/// partner business, some direct) and deal registrations in the Impartner-style portal. Deterministic: the same `seed` gives the same records (ids
/// and timestamps come from the store and its clock).
extension SandboxEnvironment {
    @discardableResult
    public func seedPartnerProgram(opportunities: Int = 300, leads: Int = 300, registrations: Int = 60,
                                   seed: UInt64 = 2024) throws(SandboxError) -> PartnerProgram {
        var random = SeededRandom(seed: seed)
        let customers = PartnerProgram.customers
        let kinds = ["expansion", "renewal", "pilot", "platform deal", "upgrade", "rollout"]
        // Every (customer, kind) once, shuffled: opportunity names stay unique, so the
        // deals mapping's match key (name + customer domain) never finds two candidates.
        var deals = customers.indices.flatMap { customer in kinds.indices.map { (customer, $0) } }
        deals.shuffle(using: &random)
        let opportunityCount = min(max(0, opportunities), deals.count / 2)
        let registrationCount = min(max(0, registrations), deals.count - opportunityCount)

        let partnerNames = ["Northwind Partners", "Contoso Channel", "Fabrikam Resellers", "Adventure Works IT",
                            "Litware Systems", "Proseware Group", "Tailspin Integrators", "Wide World Solutions"]
        let tiers = ["Gold", "Gold", "Silver", "Silver", "Silver", "Bronze", "Bronze", "Bronze"]
        var partners: [PartnerProgram.Partner] = []
        for (index, name) in partnerNames.enumerated() {
            let crm = try salesforce.store.seed("Account", fields: [
                "Name": .string(name), "Type": .string("Partner"), "Partner_Tier__c": .string(tiers[index]),
                "Website": .string(Self.domain(of: name)),
            ])
            let portal = try impartner.store.seed("Account", fields: [
                "name": .string(name), "tier": .string(tiers[index]), "crmId": .string(crm.id),
            ])
            partners.append(PartnerProgram.Partner(name: name, crmAccountID: crm.id, portalAccountID: portal.id))
        }

        // CRM opportunities: about 60% partner business (in the deals mapping's scope).
        let stages = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review",
                      "Closed Won", "Closed Lost"]
        let decisions = ["Submitted", "Under Review", "Approved", "Approved", "Approved", "Rejected"]
        var records: [[String: JSONValue]] = []
        var partnerOpportunities = 0
        for index in 0..<opportunityCount {
            let (customer, kind) = deals[index]
            var fields: [String: JSONValue] = [
                "Name": .string("\(customers[customer].name) \(kinds[kind])"),
                "StageName": .string(stages[Int.random(in: 0..<stages.count, using: &random)]),
                "CloseDate": .string(Self.date(using: &random)),
                "Amount": Self.amount(using: &random),
                "Customer_Domain__c": .string(customers[customer].domain),
                "Customer_Email__c": .string("buyer@\(customers[customer].domain)"),
            ]
            if Int.random(in: 0..<10, using: &random) < 6 {
                partnerOpportunities += 1
                let decision = decisions[Int.random(in: 0..<decisions.count, using: &random)]
                fields["Partner_Account__c"] = .string(partners[Int.random(in: 0..<partners.count, using: &random)].crmAccountID)
                fields["Deal_Registration_Status__c"] = .string(decision)
                fields["LeadSource"] = .string("Partner Referral")
                if decision == "Approved" { fields["Registration_Expires_At__c"] = .string(Self.date(using: &random)) }
                if decision == "Rejected" { fields["Decision_Reason__c"] = .string("Direct opportunity already open") }
            } else {
                fields["LeadSource"] = .string(["Web", "Trade Show", "Outbound"][index % 3])
            }
            records.append(fields)
        }
        let seededOpportunities = try salesforce.store.seed("Opportunity", records: records)

        // Portal registrations: a quarter register deals the CRM already has (linked by
        // the match key, not created twice); the rest are new to the vendor.
        let partnerDeals = seededOpportunities.filter { $0.fields["Partner_Account__c"] != nil }
        let matching = min(registrationCount / 4, partnerDeals.count)
        let portalStages = ["Prospect", "Qualified", "Proposal", "Negotiation"]
        records = []
        for index in 0..<registrationCount {
            var name: String, domain: String, company: String, partner: PartnerProgram.Partner
            var agreed: [String: JSONValue] = [:]
            if index < matching {
                let opportunity = partnerDeals[index * partnerDeals.count / max(1, matching)]
                name = opportunity.fields["Name"]?.asString ?? ""
                domain = opportunity.fields["Customer_Domain__c"]?.asString ?? ""
                company = customers.first { $0.domain == domain }?.name ?? domain
                let account = opportunity.fields["Partner_Account__c"]?.asString
                partner = partners.first { $0.crmAccountID == account } ?? partners[0]
                // The partner registered what the vendor has: the first sync links the
                // two and finds nothing to decide.
                agreed = Self.portalView(of: opportunity)
            } else {
                let (customer, kind) = deals[opportunityCount + index]
                name = "\(customers[customer].name) \(kinds[kind])"
                domain = customers[customer].domain
                company = customers[customer].name
                partner = partners[Int.random(in: 0..<partners.count, using: &random)]
            }
            records.append([
                "name": .string(name), "amount": Self.amount(using: &random), "closeDate": .string(Self.date(using: &random)),
                "stage": .object(["name": .string(portalStages[Int.random(in: 0..<portalStages.count, using: &random)])]),
                "company": .object(["name": .string(company), "domain": .string(domain)]),
                "partner": .object(["id": .string(partner.portalAccountID), "name": .string(partner.name),
                                    "crmAccountId": .string(partner.crmAccountID)]),
                "registrationStatus": .string("submitted"),
            ].merging(agreed) { _, agreed in agreed })
        }
        try impartner.store.seed("Deal", records: records)

        // CRM leads: half routed to a partner (the leads mapping's scope).
        let firstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Edsger",
                          "Donald", "Hedy", "Radia", "Katherine", "Alan", "Tim", "Vint", "Joan", "Shafi", "Ida"]
        let lastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen",
                         "Backus", "Dijkstra", "Knuth", "Lamarr", "Perlman", "Johnson", "Kay", "Lee", "Cerf", "Clarke"]
        let statuses = ["Open - Not Contacted", "Working - Contacted", "Qualified"]
        let titles = ["CTO", "Head of IT", "Procurement Manager", "VP Operations", "IT Director"]
        let countries = ["DE", "FR", "GB", "US", "CA", "NL", "JP", "AU"]
        let territories = ["EMEA", "EMEA", "EMEA", "NA", "NA", "EMEA", "APAC", "APAC"]
        let products = ["Platform", "Analytics", "Edge Devices", "Support Plus"]
        records = []
        var routed = 0
        for index in 0..<max(0, leads) {
            let first = firstNames[Int.random(in: 0..<firstNames.count, using: &random)]
            let last = lastNames[Int.random(in: 0..<lastNames.count, using: &random)]
            let customer = customers[Int.random(in: 0..<customers.count, using: &random)]
            let country = Int.random(in: 0..<countries.count, using: &random)
            var fields: [String: JSONValue] = [
                "FirstName": .string(first), "LastName": .string(last), "Company": .string(customer.name),
                "Email": .string("\(first).\(last).\(index)@\(customer.domain)".lowercased()),
                "Title": .string(titles[index % titles.count]), "Country": .string(countries[country]),
                "Status": .string(statuses[Int.random(in: 0..<statuses.count, using: &random)]),
                "Territory__c": .string(territories[country]),
                "Product_Interest__c": .string(products[Int.random(in: 0..<products.count, using: &random)]),
            ]
            if index % 2 == 0 {
                routed += 1
                fields["Partner_Account__c"] = .string(partners[Int.random(in: 0..<partners.count, using: &random)].crmAccountID)
                fields["LeadSource"] = .string("Partner")
            } else {
                fields["LeadSource"] = .string("Web")
            }
            records.append(fields)
        }
        try salesforce.store.seed("Lead", records: records)

        return PartnerProgram(partners: partners, opportunities: opportunityCount, partnerOpportunities: partnerOpportunities,
                              leads: max(0, leads), routedLeads: routed, registrations: registrationCount,
                              matchingRegistrations: matching)
    }

    /// A CRM opportunity's amount, close date, stage and registration status as the
    /// portal writes them.
    private static func portalView(of opportunity: SandboxRecord) -> [String: JSONValue] {
        let stages = ["Prospecting": "Prospect", "Qualification": "Qualified", "Needs Analysis": "Qualified",
                      "Proposal/Price Quote": "Proposal", "Negotiation/Review": "Negotiation", "Closed Won": "Won",
                      "Closed Lost": "Lost"]
        var view: [String: JSONValue] = [:]
        view["amount"] = opportunity.fields["Amount"]
        view["closeDate"] = opportunity.fields["CloseDate"]
        if let stage = opportunity.fields["StageName"]?.asString.flatMap({ stages[$0] }) {
            view["stage"] = .object(["name": .string(stage)])
        }
        if let decision = opportunity.fields["Deal_Registration_Status__c"]?.asString {
            view["registrationStatus"] = .string(decision.lowercased().replacingOccurrences(of: " ", with: "_"))
        }
        return view
    }

    /// Amounts from 5,000 to 250,000 in steps of 250: money as exact decimals.
    private static func amount(using random: inout SeededRandom) -> JSONValue {
        .number(Decimal(Int.random(in: 20...1_000, using: &random) * 250))
    }

    /// A close date in 2025 (days 1–28, so every month has it).
    private static func date(using random: inout SeededRandom) -> String {
        let month = Int.random(in: 1...12, using: &random), day = Int.random(in: 1...28, using: &random)
        return "2025-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    private static func domain(of name: String) -> String {
        name.lowercased().replacingOccurrences(of: " ", with: "-") + ".example"
    }
}
