import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// One partner portal as the CRM × PRM pair tests drive it: where its deals live, what a
/// deal registered there looks like, and what its writes cost.
struct PortalSide: Sendable, CustomStringConvertible {
    var label: String
    var system: SandboxSystem
    var object: String
    /// Its title field, renamed by the edit step.
    var titleField: String
    /// Where the CRM stage shows on the portal, and the value `won` takes there.
    var stageField: String
    var wonValue: JSONValue
    /// A deal a partner registered on the portal.
    var registered: [String: JSONValue]
    /// Requests an update costs (a merged PUT reads first).
    var updateCost: Int

    var description: String { label }

    static let impartner = PortalSide(
        label: "impartner", system: .impartner, object: "Deal", titleField: "name", stageField: "stage.name",
        wonValue: .string("Won"),
        registered: ["name": .string("Globex pilot"), "amount": .number(9000), "closeDate": .string("2024-07-31"),
                     "stage": .object(["name": .string("Negotiation")]), "company": .object(["domain": .string("globex.example")]),
                     "partner": .object(["crmAccountId": .string("P-2")])],
        updateCost: 1)
    static let partnerStack = PortalSide(
        label: "partnerstack", system: .partnerstack, object: "deals", titleField: "name", stageField: "stage",
        wonValue: .string("won"),
        registered: ["name": .string("Globex pilot"), "amount": .number(9000), "close_date": .string("2024-07-31"),
                     "stage": .string("open"), "partner_key": .string("part_7"), "customer_email": .string("it@globex.example")],
        updateCost: 1)
    static let generic = PortalSide(
        label: "generic", system: .generic, object: "deals", titleField: "title", stageField: "status",
        wonValue: .string("won"),
        registered: ["title": .string("Globex pilot"), "reference": .string("REF-P"), "amount": .number(9000),
                     "status": .string("open")],
        updateCost: 2)
}

/// One CRM dialect with its example config: its sandbox system, where its deals live and
/// what a deal created there by a user looks like (for every portal's mapping).
struct CRMSide: Sendable, CustomStringConvertible {
    var label: String
    var serviceFile: String
    var system: SandboxSystem
    var object: String
    /// The example's loopback URL of each system.
    var urls: [String: SandboxSystem]
    var titleField: String
    var amountField: String
    var stageField: String
    var wonValue: JSONValue
    /// A deal a sales rep created, with the partner fields every mapping's scope needs.
    var created: [String: JSONValue]
    /// Requests an incremental pull spends beyond its pages (a delete feed).
    var feedReads = 0
    /// Token requests of the first cycle.
    var tokenRequests = 0

    var description: String { label }

    func mapping(_ portal: PortalSide) -> String { "\(label)-\(portal.label)-deals" }

    static let pipedrive = CRMSide(
        label: "pipedrive", serviceFile: "examples/pipedrive.json5", system: .pipedrive, object: "deals",
        urls: ["http://127.0.0.1:8448": .pipedrive, "http://127.0.0.1:8445": .impartner,
               "http://127.0.0.1:8446": .partnerstack, "http://127.0.0.1:8447": .generic],
        titleField: "title", amountField: "value", stageField: "status", wonValue: .string("won"),
        created: ["title": .string("Acme expansion"), "value": .number(12500), "status": .string("open"),
                  "expected_close_date": .string("2024-06-30"),
                  "custom_fields": .object([
                      "partner_id": .string("P-1"), "customer_domain": .string("acme.example"),
                      "partner_key": .string("part_9"), "customer_email": .string("buy@acme.example"),
                      "deal_reference": .string("REF-C"),
                  ])])

    static let zoho = CRMSide(
        label: "zoho", serviceFile: "examples/zoho.json5", system: .zoho, object: "Deals",
        urls: ["http://127.0.0.1:8449": .zoho, "http://127.0.0.1:8445": .impartner,
               "http://127.0.0.1:8446": .partnerstack, "http://127.0.0.1:8447": .generic],
        titleField: "Deal_Name", amountField: "Amount", stageField: "Stage", wonValue: .string("Closed Won"),
        created: ["Deal_Name": .string("Acme expansion"), "Amount": .number(12500), "Stage": .string("Qualification"),
                  "Closing_Date": .string("2024-06-30"), "Partner_Id": .string("P-1"),
                  "Customer_Domain": .string("acme.example"), "Partner_Key": .string("part_9"),
                  "Customer_Email": .string("buy@acme.example"), "Deal_Reference": .string("REF-C")],
        feedReads: 1, tokenRequests: 1)

    /// Change tracking: every incremental pull is one delta-link read, deletes included.
    static let dataverse = CRMSide(
        label: "dataverse", serviceFile: "examples/dataverse.json5", system: .dataverse, object: "opportunities",
        urls: ["http://127.0.0.1:8450": .dataverse, "http://127.0.0.1:8445": .impartner,
               "http://127.0.0.1:8446": .partnerstack, "http://127.0.0.1:8447": .generic],
        titleField: "name", amountField: "estimatedvalue", stageField: "prm_stage", wonValue: .string("Won"),
        created: ["name": .string("Acme expansion"), "estimatedvalue": .number(12500), "prm_stage": .string("Open"),
                  "estimatedclosedate": .string("2024-06-30"), "prm_partneraccountid": .string("P-1"),
                  "prm_customerdomain": .string("acme.example"), "prm_partnerkey": .string("part_9"),
                  "prm_customeremail": .string("buy@acme.example"), "prm_dealreference": .string("REF-C")],
        tokenRequests: 1)
}

/// Every CRM dialect added in issue 10 paired with every PRM dialect, through its example
/// config: creates, edits and deletes arrive both ways, a quiet cycle writes nothing, and
/// each cycle spends the fewest requests the two APIs allow.
@Suite("Cycle: Pipedrive, Zoho and Dataverse with each partner portal (example configs)")
struct CycleMoreCRMsTests {
    /// Within 5% of the minimum, and never below it.
    static func near(_ actual: Int, _ minimum: Int) -> Bool {
        actual >= minimum && Double(actual - minimum) <= 0.05 * Double(minimum)
    }

    @Test("creates, edits and deletes both ways; quiet cycles write nothing; minimum requests",
          arguments: [CRMSide.pipedrive, .zoho, .dataverse], [PortalSide.impartner, .partnerStack, .generic])
    func pair(crm: CRMSide, portal: PortalSide) throws {
        let world = try CycleWorld(serviceFile: crm.serviceFile, urls: crm.urls)
        let mapping = crm.mapping(portal)
        let crmStore = world.sandbox.store(crm.system)
        let portalStore = world.sandbox.store(portal.system)
        let crmDeal = try crmStore.seed(crm.object, fields: crm.created)
        let portalDeal = try portalStore.seed(portal.object, fields: portal.registered)

        // First sync: each side's deal is created on the other; one page each, one request per create.
        world.wait()
        world.sandbox.resetCounters()
        let first = try world.cycle(mapping)
        #expect(first.crm.created == 1 && first.prm.created == 1 && first.problems == 0, "\(first.writes)")
        #expect(Self.near(world.sandbox.totalRequests, crm.tokenRequests + 2 + 1 + 1), "first sync: \(world.requests)")
        let mirror = try #require(portalStore.records(portal.object).first { $0.id != portalDeal.id })
        #expect(mirror.value(at: portal.titleField) == .string("Acme expansion"))
        let created = try #require(crmStore.records(crm.object).first { $0.id != crmDeal.id })
        #expect(created.value(at: crm.titleField) == .string("Globex pilot"))
        #expect(created.value(at: crm.amountField) == .number(9000))

        world.wait()
        world.sandbox.resetCounters()
        let echo = try world.cycle(mapping)
        #expect(echo.writes.isEmpty && echo.problems == 0, "\(echo.writes)")
        #expect(Self.near(world.sandbox.totalRequests, 2 + crm.feedReads), "echo cycle: \(world.requests)")

        // Edits on both sides: the CRM's amount and stage go to the portal, the partner's rename to the CRM.
        try crmStore.edit(crm.object, id: crmDeal.id, set: [crm.amountField: .number(15000), crm.stageField: crm.wonValue])
        try portalStore.edit(portal.object, id: portalDeal.id, set: [portal.titleField: .string("Globex pilot, phase 2")])
        world.wait()
        world.sandbox.resetCounters()
        let edits = try world.cycle(mapping)
        #expect(edits.crm.updated == 1 && edits.prm.updated == 1 && edits.problems == 0, "\(edits.writes)")
        #expect(Self.near(world.sandbox.totalRequests, 2 + crm.feedReads + 1 + portal.updateCost), "edits: \(world.requests)")
        #expect(portalStore.record(portal.object, id: mirror.id)?.value(at: portal.stageField) == portal.wonValue)
        #expect(portalStore.record(portal.object, id: mirror.id)?.value(at: "amount") == .number(15000))
        #expect(crmStore.record(crm.object, id: created.id)?.value(at: crm.titleField) == .string("Globex pilot, phase 2"))

        world.wait()
        #expect(try world.cycle(mapping).writes.isEmpty)

        // Deletes on both sides (the portals have no delete feed: a full scan sees them).
        try crmStore.delete(crm.object, id: crmDeal.id)
        try portalStore.delete(portal.object, id: portalDeal.id)
        world.wait()
        world.sandbox.resetCounters()
        let deletes = try world.cycle(mapping, settings: CycleSettings(fullScan: true))
        #expect(deletes.crm.deleted == 1 && deletes.prm.deleted == 1 && deletes.problems == 0, "\(deletes.writes)")
        // A full scan: deletes show by absence, no feed is read.
        #expect(Self.near(world.sandbox.totalRequests, 2 + 1 + 1), "deletes: \(world.requests)")
        #expect(portalStore.record(portal.object, id: mirror.id).map(\.isDeleted) ?? true)
        #expect(crmStore.record(crm.object, id: created.id)?.isDeleted == true)

        world.wait()
        world.sandbox.resetCounters()
        let quiet = try world.cycle(mapping)
        #expect(quiet.writes.isEmpty && quiet.problems == 0, "\(quiet.writes)")
        #expect(Self.near(world.sandbox.totalRequests, 2 + crm.feedReads), "quiet cycle: \(world.requests)")
    }
}
