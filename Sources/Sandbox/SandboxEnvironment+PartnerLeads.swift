import Foundation
import SyncCore

/// The partner program's leads: CRM leads the vendor's reps work (no partner, never
/// "new", so lead distribution leaves them alone) and leads already assigned to a
/// partner — new ones waiting for the partner (only in the CRM until the first sync
/// creates them in the portal) and ones the partner accepted and works in the portal
/// (on both systems, alike field by field: the first sync links them by email).
extension SandboxEnvironment {
    func seedPartnerLeads(_ count: Int, partners: [PartnerProgram.Partner],
                          random: inout SeededRandom) throws(SandboxError) -> (routed: Int, accepted: Int) {
        let firstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Edsger",
                          "Donald", "Hedy", "Radia", "Katherine", "Alan", "Tim", "Vint", "Joan", "Shafi", "Ida"]
        let lastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen",
                         "Backus", "Dijkstra", "Knuth", "Lamarr", "Perlman", "Johnson", "Kay", "Lee", "Cerf", "Clarke"]
        let titles = ["CTO", "Head of IT", "Procurement Manager", "VP Operations", "IT Director"]
        let countries = ["DE", "FR", "GB", "US", "CA", "NL", "JP", "AU"]
        let territories = ["EMEA", "EMEA", "EMEA", "NA", "NA", "EMEA", "APAC", "APAC"]
        let products = ["Platform", "Analytics", "Edge Devices", "Support Plus"]
        // CRM status → the portal's word for it.
        let portalStatus = ["Open - Not Contacted": "New", "Working - Contacted": "Accepted", "Qualified": "Qualified"]
        let customers = PartnerProgram.customers
        var crmLeads: [[String: JSONValue]] = [], portalLeads: [[String: JSONValue]] = []
        var routed = 0
        for index in 0..<max(0, count) {
            let first = firstNames[Int.random(in: 0..<firstNames.count, using: &random)]
            let last = lastNames[Int.random(in: 0..<lastNames.count, using: &random)]
            let customer = customers[Int.random(in: 0..<customers.count, using: &random)]
            let country = Int.random(in: 0..<countries.count, using: &random)
            let product = products[Int.random(in: 0..<products.count, using: &random)]
            let email = "\(first).\(last).\(index)@\(customer.domain)".lowercased()
            var fields: [String: JSONValue] = [
                "FirstName": .string(first), "LastName": .string(last), "Company": .string(customer.name),
                "Email": .string(email), "Title": .string(titles[index % titles.count]),
                "Country": .string(countries[country]), "Territory__c": .string(territories[country]),
                "Product_Interest__c": .string(product),
            ]
            guard index % 2 == 0 else {
                fields["Status"] = .string(["Working - Contacted", "Qualified", "Closed - Not Converted"][index / 2 % 3])
                fields["LeadSource"] = .string(["Web", "Trade Show", "Outbound"][index / 2 % 3])
                crmLeads.append(fields)
                continue
            }
            routed += 1
            let partner = partners[Int.random(in: 0..<partners.count, using: &random)]
            let status = ["Open - Not Contacted", "Working - Contacted", "Qualified"][Int.random(in: 0..<3, using: &random)]
            let accepted = status != "Open - Not Contacted"
            fields["Status"] = .string(status)
            fields["Partner_Account__c"] = .string(partner.crmAccountID)
            fields["Partner_Status__c"] = .string(accepted ? "Accepted" : "Pending")
            fields["LeadSource"] = .string("Partner")
            crmLeads.append(fields)
            guard accepted else { continue }
            portalLeads.append([
                "firstName": .string(first), "lastName": .string(last), "email": .string(email),
                "company": .object(["name": .string(customer.name)]), "jobTitle": .string(titles[index % titles.count]),
                "address": .object(["countryCode": .string(countries[country])]),
                "status": .string(portalStatus[status] ?? "New"),
                "partner": Self.portalPartner(partner), "assignment": .object(["state": .string("accepted")]),
                "territory": .string(territories[country]), "productInterest": .string(product),
            ])
        }
        try salesforce.store.seed("Lead", records: crmLeads)
        try impartner.store.seed("Lead", records: portalLeads)
        return (routed, portalLeads.count)
    }
}
