import Foundation
import Sandbox
import SyncCore

/// Native records as each stand-in holds them, one builder per object and dialect.
/// `i` makes names, emails and references unique; every record is in its mapping's scope.
enum Records {
    static func opportunity(partner: String?) -> @Sendable (Int) -> [String: JSONValue] {
        { i in
            var fields: [String: JSONValue] = [
                "Name": .string("CRM deal \(i)"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
                "Amount": .number(Decimal(1000 + i)), "Customer_Domain__c": .string("crm\(i).example"),
                "Customer_Email__c": .string("buyer\(i)@crm.example"), "Deal_Reference__c": .string("CRM-\(i)"),
            ]
            if let partner { fields[partner] = .string("001000000000001AAA") }
            return fields
        }
    }

    static let hubspotDeal: @Sendable (Int) -> [String: JSONValue] = { i in
        ["dealname": .string("HubSpot deal \(i)"), "amount": .string("\(2000 + i).50"), "dealstage": .string("qualifiedtobuy"),
         "closedate": .string("2024-06-30T00:00:00.000Z"), "customer_domain": .string("hs\(i).example"),
         "customer_email": .string("buyer\(i)@hs.example"), "partner_id": .string("P-1"),
         "deal_registration_status": .string("approved"), "pipeline": .string("default")]
    }

    static let impartnerDeal: @Sendable (Int) -> [String: JSONValue] = { i in
        ["name": .string("Portal deal \(i)"), "amount": .number(Decimal(500 + i)), "closeDate": .string("2024-08-31T00:00:00Z"),
         "stage": .object(["name": .string("Proposal")]), "company": .object(["domain": .string("prm\(i).example")]),
         "partner": .object(["crmAccountId": .string("001000000000002AAA")]), "registrationStatus": .string("submitted")]
    }

    static let partnerStackDeal: @Sendable (Int) -> [String: JSONValue] = { i in
        ["name": .string("PartnerStack deal \(i)"), "amount": .number(Decimal(300 + i)), "close_date": .string("2024-09-30"),
         "stage": .string("open"), "partner_key": .string("part_\(i)"), "customer_email": .string("buyer\(i)@ps.example")]
    }

    static let genericDeal: @Sendable (Int) -> [String: JSONValue] = { i in
        ["title": .string("REST deal \(i)"), "amount": .number(Decimal(700 + i)), "status": .string("open"),
         "close_date": .string("2024-10-31"), "reference": .string("PRM-\(i)"), "customer_email": .string("buyer\(i)@rest.example"),
         "partner": .string("P-7")]
    }

    static let salesforceLead: @Sendable (Int) -> [String: JSONValue] = { i in
        ["FirstName": .string("Ada"), "LastName": .string("Lovelace \(i)"), "Email": .string("ada\(i)@crm.example"),
         "Company": .string("Analytical \(i) GmbH"), "Status": .string("Open - Not Contacted"), "Country": .string("de"),
         "Territory__c": .string("EMEA"), "Product_Interest__c": .string("Robots"), "Title": .string("CTO"),
         "Phone": .string("+49 30 1234"), "Partner_Account__c": .string("001000000000001AAA")]
    }

    static let hubspotContact: @Sendable (Int) -> [String: JSONValue] = { i in
        ["firstname": .string("Grace"), "lastname": .string("Hopper \(i)"), "email": .string("grace\(i)@hs.example"),
         "company": .string("Navy \(i)"), "jobtitle": .string("Admiral"), "hs_lead_status": .string("NEW"),
         "partner_id": .string("P-1"), "territory": .string("AMER"), "product_interest": .string("Compilers")]
    }

    static let impartnerLead: @Sendable (Int) -> [String: JSONValue] = { i in
        ["firstName": .string("Alan"), "lastName": .string("Turing \(i)"), "email": .string("alan\(i)@prm.example"),
         "company": .object(["name": .string("Bletchley \(i)")]), "status": .string("New"), "jobTitle": .string("Analyst"),
         "partner": .object(["crmAccountId": .string("001000000000002AAA")])]
    }

    static let partnerStackLead: @Sendable (Int) -> [String: JSONValue] = { i in
        ["first_name": .string("Katherine"), "last_name": .string("Johnson \(i)"), "email": .string("kj\(i)@ps.example"),
         "company": .string("NACA \(i)"), "status": .string("new"), "partner_key": .string("part_\(i)")]
    }

    static let genericContact: @Sendable (Int) -> [String: JSONValue] = { i in
        ["first_name": .string("Hedy"), "last_name": .string("Lamarr \(i)"), "email": .string("hedy\(i)@rest.example"),
         "company": .string("Frequency \(i)"), "status": .string("new"), "partner_account": .string("P-9")]
    }
}
