import Foundation
import SyncCore

/// A small, fixed data set for `channelsync sandbox --seed demo` and the demo: partners,
/// deals at different stages and leads on every system, with values a reader can follow.
extension SandboxEnvironment {
    public func seedDemo() throws(SandboxError) {
        let companies = ["Acme Robotics", "Globex", "Initech", "Umbrella Health", "Stark Components", "Wayne Logistics"]
        let domains = ["acme-robotics.example", "globex.example", "initech.example", "umbrella.example",
                       "stark.example", "wayne.example"]
        let partners = ["Northwind Partners", "Contoso Channel", "Fabrikam Resellers"]
        func amount(_ index: Int) -> JSONValue { .number(Decimal(string: "\(12_500 + index * 7_250).50") ?? 0) }

        // Salesforce: partner accounts, opportunities, leads. Four opportunities and three
        // leads are partner business (`Partner_Account__c` set: in the shipped mappings'
        // scope); the rest is direct business that stays in the CRM.
        var partnerAccounts: [String] = []
        for (index, partner) in partners.enumerated() {
            partnerAccounts.append(try salesforce.store.seed("Account", fields: [
                "Name": .string(partner), "Type": .string("Partner"),
                "Partner_Tier__c": .string(["Gold", "Silver", "Bronze"][index]),
            ]).id)
        }
        let stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Closed Won", "Closed Lost"]
        let decisions = ["Submitted", "Under Review", "Approved", "Approved", "Rejected"]
        for index in 0..<5 {
            var opportunity: [String: JSONValue] = [
                "Name": .string("\(companies[index]) expansion"), "StageName": .string(stages[index]),
                "CloseDate": .string("2024-0\(index + 3)-15"), "Amount": amount(index),
                "Customer_Domain__c": .string(domains[index]),
            ]
            if index < 4 {
                opportunity["Partner_Account__c"] = .string(partnerAccounts[index % 3])
                opportunity["Deal_Registration_Status__c"] = .string(decisions[index])
            }
            try salesforce.store.seed("Opportunity", fields: opportunity)
            var lead: [String: JSONValue] = [
                "FirstName": .string(["Ada", "Grace", "Linus", "Margaret", "Ken"][index]),
                "LastName": .string(["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson"][index]),
                "Company": .string(companies[index + 1]), "Email": .string("buyer\(index)@\(domains[index + 1])"),
                "Status": .string("Open - Not Contacted"), "Territory__c": .string(["EMEA", "NA", "APAC"][index % 3]),
            ]
            if index < 3 { lead["Partner_Account__c"] = .string(partnerAccounts[index]) }
            try salesforce.store.seed("Lead", fields: lead)
        }

        // HubSpot: deals and contacts.
        let dealStages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "closedwon", "closedlost"]
        for index in 0..<5 {
            try hubspot.store.seed("deals", fields: [
                "dealname": .string("\(companies[index]) renewal"), "dealstage": .string(dealStages[index]),
                "pipeline": .string("default"), "amount": .string("\(20_000 + index * 5_000)"),
                "closedate": .string("2024-0\(index + 4)-01T00:00:00.000Z"), "customer_domain": .string(domains[index]),
            ])
            try hubspot.store.seed("contacts", fields: [
                "firstname": .string(["Alan", "Barbara", "Dennis", "Frances", "John"][index]),
                "lastname": .string(["Turing", "Liskov", "Ritchie", "Allen", "Backus"][index]),
                "email": .string("contact\(index)@\(domains[index])"), "lifecyclestage": .string("lead"),
            ])
        }

        // Impartner-style PRM: partner accounts, registered deals, leads.
        for (index, partner) in partners.enumerated() {
            try impartner.store.seed("Account", fields: ["name": .string(partner), "tier": .string(["Gold", "Silver", "Bronze"][index])])
        }
        // Registered deals name the registering partner's CRM account (`partner.crmAccountId`),
        // with stages the shipped deals mapping knows.
        let registration = ["submitted", "under_review", "approved", "rejected", "submitted"]
        let portalStages = ["Prospect", "Qualified", "Proposal", "Negotiation", "Qualified"]
        for index in 0..<5 {
            try impartner.store.seed("Deal", fields: [
                "name": .string("\(companies[index + 1]) via \(partners[index % 3])"), "amount": amount(index + 1),
                "closeDate": .string("2024-0\(index + 5)-30"), "stage": .object(["name": .string(portalStages[index])]),
                "company": .object(["id": .int(2000 + index), "name": .string(companies[index + 1]),
                                    "domain": .string(domains[index + 1])]),
                "partner": .object(["id": .int(1000 + index % 3), "name": .string(partners[index % 3]),
                                    "crmAccountId": .string(partnerAccounts[index % 3])]),
                "registrationStatus": .string(registration[index]), "customerDomain": .string(domains[index + 1]),
            ])
        }
        for index in 0..<3 {
            try impartner.store.seed("Lead", fields: [
                "firstName": .string(["Edsger", "Donald", "Barbara"][index]), "lastName": .string(["Dijkstra", "Knuth", "Liskov"][index]),
                "email": .string("lead\(index)@\(domains[index])"), "status": .string("New"),
                "company": .object(["name": .string(companies[index])]),
            ])
        }

        // PartnerStack-style: partnerships, customers, deals, leads.
        for (index, partner) in partners.enumerated() {
            try partnerStack.store.seed("partnerships", fields: [
                "email": .string("team@\(partner.lowercased().replacingOccurrences(of: " ", with: "-")).example"),
                "first_name": .string(partner.components(separatedBy: " ")[0]), "group": .string("resellers"),
                "status": .string("active"),
            ])
            try partnerStack.store.seed("customers", fields: ["email": .string("billing@\(domains[index])"),
                                                              "name": .string(companies[index])])
            try partnerStack.store.seed("deals", fields: ["name": .string("\(companies[index + 2]) pilot"),
                                                          "amount": .int(5_000 * (index + 1)), "stage": .string("open")])
            try partnerStack.store.seed("leads", fields: ["email": .string("prospect\(index)@\(domains[index + 3])"),
                                                          "first_name": .string(["Hedy", "Radia", "Katherine"][index]),
                                                          "status": .string("new")])
        }

        // The awkward generic API: deals with open/closed statuses, contacts.
        let statuses = ["open", "won", "open", "lost", "new"]
        for index in 0..<5 {
            try generic.store.seed("deals", fields: ["title": .string("\(companies[index]) deal"), "status": .string(statuses[index]),
                                                     "value": amount(index), "reference": .string("GEN-\(100 + index)")])
            try generic.store.seed("contacts", fields: ["email": .string("person\(index)@\(domains[index])"),
                                                        "name": .string(["Ida", "Joan", "Shafi", "Tim", "Vint"][index])])
        }
    }
}
