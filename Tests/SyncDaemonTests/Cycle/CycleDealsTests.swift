import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

@Suite("Cycle: deals, Salesforce ↔ Impartner (shipped mapping)")
struct CycleDealsTests {
    @Test("explore")
    func explore() throws {
        let world = try CycleWorld()
        world.wait()
        try world.salesforce.seed("Opportunity", fields: [
            "Name": .string("Acme expansion"), "StageName": .string("Qualification"), "CloseDate": .string("2024-06-30"),
            "Amount": .number(12500.5), "Partner_Account__c": .string("001000000000001AAA"),
            "Customer_Domain__c": .string("Acme.example"), "Customer_Email__c": .string("Buyer@Acme.example"),
            "Deal_Registration_Status__c": .string("Approved"), "Registration_Decided_At__c": .string("2024-01-01T10:00:00.000+0000"),
            "Registration_Expires_At__c": .string("2024-04-01"), "Decision_Reason__c": .string("Fits"),
            "Description": .string("Big one"), "LeadSource": .string("Partner Referral"),
        ])
        try world.portal.seed("Deal", fields: [
            "name": .string("Globex pilot"), "amount": .number(9000), "closeDate": .string("2024-07-31T00:00:00Z"),
            "stage": .object(["name": .string("Proposal")]), "company": .object(["domain": .string("globex.example")]),
            "partner": .object(["crmAccountId": .string("001000000000002AAA")]), "registrationStatus": .string("Submitted"),
            "notes": .string("from the portal"),
        ])
        world.wait()
        let first = try world.cycle("deals")
        print(first)
        print(world.requests.sorted { $0.key < $1.key })
        print(world.salesforce.records("Opportunity").map(\.fields))
        print(world.portal.records("Deal").map(\.fields))
        world.sandbox.resetCounters()
        world.wait()
        let second = try world.cycle("deals")
        print(second)
        print(world.requests.sorted { $0.key < $1.key })
    }
}
