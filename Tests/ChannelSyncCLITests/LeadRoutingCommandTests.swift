import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore

/// Lead distribution as ops see it: `channelsync once` routes a new lead with the shipped
/// leads mapping, and `journal --op route` and `show` tell which rule chose which partner.
@Suite("channelsync journal and show: lead routing")
struct LeadRoutingCommandTests {
    @Test("a routed lead's decision is in journal (with its rule) and in show (route and history)")
    func routedLeadIsVisible() throws {
        let setup = try OnceCommandTests.Setup()
        let salesforce = setup.sandbox.salesforce.store
        for name in ["Northwind Partners", "Contoso Channel", "Fabrikam Resellers"] {
            try salesforce.seed("Account", fields: ["Name": .string(name), "Type": .string("Partner")])
        }
        let lead = try salesforce.seed("Lead", fields: [
            "LastName": .string("Lovelace"), "Company": .string("Analytical Engines"), "Email": .string("ada@example.com"),
            "Status": .string("Open - Not Contacted"), "Country": .string("AT"),
        ])
        setup.clock.advance(by: 300_000)
        let run = try setup.once("--mapping", "leads")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(salesforce.record("Lead", id: lead.id)?.value(at: "Partner_Account__c") == .string("0015g0000000000AAA"))

        let journal = try BinaryRunner.run(["journal", "--config", setup.config, "--op", "route", "--json"],
                                           environment: ["STATE_DIRECTORY": ""])
        #expect(journal.status == 0, "stderr: \(journal.stderr)")
        let rows = try JSONParser().parse(journal.stdout)[path: FieldPath("rows")!]
        guard case let .array(items)? = rows else {
            Issue.record("no rows: \(journal.stdout)")
            return
        }
        let intent = try #require(items.first { $0[path: FieldPath("status")!] == .string("pending") })
        #expect(intent[path: FieldPath("rule")!] == .string("lead.routing.territory"))
        #expect(intent[path: FieldPath("crmId")!] == .string(lead.id))
        guard case let .string(detail)? = intent[path: FieldPath("detail")!] else {
            Issue.record("no detail: \(intent)")
            return
        }
        #expect(detail.hasPrefix("rule 'dach' chose northwind") && detail.contains("country AT"), "\(detail)")

        let show = try BinaryRunner.run(["show", lead.id, "--config", setup.config, "--wide"], environment: ["STATE_DIRECTORY": ""])
        #expect(show.status == 0, "stderr: \(show.stderr)")
        #expect(show.stdout.contains("ROUTE mapping leads  offered  partner northwind (rule dach)"), "\(show.stdout)")
        #expect(show.stdout.contains("lead.routing.territory"), "\(show.stdout)")
        #expect(show.stdout.contains("had it: -"), "\(show.stdout)")

        let json = try BinaryRunner.run(["show", lead.id, "--config", setup.config, "--json"], environment: ["STATE_DIRECTORY": ""])
        let routes = try JSONParser().parse(json.stdout)[path: FieldPath("leadRoutes")!]
        guard case let .array(list)? = routes, let route = list.first else {
            Issue.record("no leadRoutes: \(json.stdout)")
            return
        }
        #expect(route[path: FieldPath("partner")!] == .string("northwind") && route[path: FieldPath("state")!] == .string("offered"))
        #expect(route[path: FieldPath("lead.country")!] == .string("AT"))
    }
}
