import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SandboxAdminTests {
    func admin(_ sandbox: SandboxEnvironment, _ method: String, _ path: String, _ body: JSONValue? = nil,
               on system: SandboxSystem = .generic) throws -> (Int, JSONValue) {
        let request = body.map { HTTPServerRequest.send(method, path, value: $0) } ?? HTTPServerRequest(method: method, target: path)
        let response = sandbox.handle(request, system: system)
        return (response.status, response.body.isEmpty ? .null : try response.json)
    }

    @Test func seedEditDeleteAndReadBack() throws {
        let clock = ManualClock()
        let sandbox = SandboxEnvironment(clock: clock)
        let (status, seeded) = try admin(sandbox, "POST", "/__admin/hubspot/objects/deals/records", .object(["records": .array([
            .object(["fields": .object(["dealname": .string("A"), "channelsync_id": .string("x")])]),
            .object(["fields": .object(["dealname": .string("B")]), "modifiedAt": .int(ManualClock.defaultStart - 10)]),
        ])]))
        #expect(status == 201)
        let id = try #require(seeded["records"]?[0]?["id"]?.asString)
        #expect(seeded["records"]?[1]?["modifiedAt"] == .int(ManualClock.defaultStart - 10))

        clock.advance(by: 5000)
        let (_, edited) = try admin(sandbox, "PATCH", "/__admin/hubspot/objects/deals/records/\(id)",
                                    .object(["fields": .object(["amount": .string("5")])]))
        #expect(edited["modifiedAt"] == .int(ManualClock.defaultStart + 5000))
        #expect(edited["fields"]?["amount"] == .string("5"))
        #expect(edited["fields"]?["dealname"] == .string("A"))

        #expect(try admin(sandbox, "POST", "/__admin/hubspot/objects/deals/records", .object(["fields": .object([
            "channelsync_id": .string("X"),
        ])])).0 == 409, "unique values ignore case")
        let (_, deleted) = try admin(sandbox, "DELETE", "/__admin/hubspot/objects/deals/records/\(id)")
        #expect(deleted["deletedAt"] == .int(ManualClock.defaultStart + 5001))
        let (_, live) = try admin(sandbox, "GET", "/__admin/hubspot/objects/deals/records")
        #expect(live["records"]?.count == 1)
        let (_, all) = try admin(sandbox, "GET", "/__admin/hubspot/objects/deals/records?includeDeleted=true")
        #expect(all["records"]?.count == 2)
        let (_, objects) = try admin(sandbox, "GET", "/__admin/hubspot/objects")
        #expect(objects["objects"]?.asArray?.first { $0["name"] == .string("deals") }?["deleted"] == .int(1))

        #expect(try admin(sandbox, "GET", "/__admin/hubspot/objects/widgets/records").0 == 404)
        #expect(try admin(sandbox, "GET", "/__admin/marketo/objects").0 == 404)
        #expect(try admin(sandbox, "PATCH", "/__admin/hubspot/objects/deals/records/\(id)", .object([:])).0 == 400)
    }

    @Test func faultsQueuedOverHTTPApplyToTheirRoute() throws {
        let sandbox = SandboxEnvironment()
        let (status, queued) = try admin(sandbox, "POST", "/__admin/partnerstack/faults", .object([
            "route": .string("partnerstack.list"), "times": .int(2),
            "fault": .object(["kind": .string("status"), "status": .int(503), "retryAfter": .int(4)]),
        ]))
        #expect(status == 201)
        #expect(queued["fault"]?["retryAfter"] == .string("4"))
        #expect(try admin(sandbox, "POST", "/__admin/partnerstack/faults", .object([
            "route": .string("hubspot.search"), "fault": .object(["kind": .string("dropConnection")]),
        ])).0 == 400, "a route of another system is refused")
        #expect(try admin(sandbox, "POST", "/__admin/partnerstack/faults", .object([
            "fault": .object(["kind": .string("meteorStrike")]),
        ])).0 == 400)

        let list = HTTPServerRequest.get("/api/v2/deals", bearer: "ps-sandbox-key")
        let first = sandbox.handle(list, system: .partnerstack)
        #expect(first.status == 503)
        #expect(first.headers.contains { $0.name == "Retry-After" && $0.value == "4" })
        let (_, pending) = try admin(sandbox, "GET", "/__admin/partnerstack/faults")
        #expect(pending["faults"]?[0]?["remaining"] == .int(1))
        #expect(try admin(sandbox, "DELETE", "/__admin/partnerstack/faults").0 == 204)
        #expect(sandbox.handle(list, system: .partnerstack).status == 200)

        let (_, counts) = try admin(sandbox, "GET", "/__admin/counts")
        #expect(counts["total"] == .int(2), "admin requests are not counted")
        #expect(counts["systems"]?["partnerstack"]?["routes"]?["partnerstack.list"] == .int(2))
        #expect(sandbox.count(route: "partnerstack.list") == 2)
        #expect(try admin(sandbox, "POST", "/__admin/reset").0 == 204)
        #expect(sandbox.totalRequests == 0)
    }

    @Test func everyFaultKindRoundTripsThroughJSON() throws {
        let faults: [SandboxFault] = [
            .status(429, retryAfter: "2"), .status(500), .delay(milliseconds: 250), .dropConnection, .malformedJSON,
            .partialBatchFailure(.keys(["a", "b"])), .partialBatchFailure(.everyKth(3)), .expireTokens,
            .lateCommit(LateCommit(object: "Opportunity", id: "006x", fields: ["Name": .string("late")], lagMilliseconds: 50)),
            .lateCommit(LateCommit(object: "Lead", fields: [:])),
            .purgeDeleteLog(object: "Opportunity", before: 123), .purgeDeleteLog(object: "Lead"),
        ]
        for fault in faults {
            #expect(try SandboxFault(json: fault.json) == fault)
        }
    }

    @Test func clockTokensAndResets() throws {
        let clock = ManualClock()
        let sandbox = SandboxEnvironment(clock: clock)
        let (_, advanced) = try admin(sandbox, "POST", "/__admin/clock/advance", .object(["milliseconds": .int(1500)]))
        #expect(advanced["now"] == .int(ManualClock.defaultStart + 1500))
        let (_, now) = try admin(sandbox, "GET", "/__admin/clock")
        #expect(now["manual"] == .bool(true))
        let system = SandboxEnvironment(configuration: SandboxConfiguration(), clock: .system)
        #expect(try admin(system, "POST", "/__admin/clock/advance", .object(["milliseconds": .int(1)])).0 == 409)

        let (_, token) = try admin(sandbox, "POST", "/__admin/salesforce/token")
        let bearer = try #require(token["token"]?.asString)
        let query = HTTPServerRequest.get("/services/data/v59.0/query?q=SELECT+Id+FROM+Lead", bearer: bearer)
        #expect(sandbox.handle(query, system: .salesforce).status == 200)
        let (_, generic) = try admin(sandbox, "POST", "/__admin/generic/token")
        #expect(generic["authorization"] == .string("Token generic-sandbox-key"))

        try sandbox.seedDemo()
        #expect(sandbox.salesforce.store.count("Opportunity") == 5)
        #expect(try admin(sandbox, "POST", "/__admin/salesforce/reset", .object(["records": .bool(true), "sessions": .bool(true)])).0 == 204)
        #expect(sandbox.salesforce.store.count("Opportunity") == 0)
        #expect(sandbox.handle(query, system: .salesforce).status == 401, "sessions were reset")
        #expect(sandbox.hubspot.store.count("deals") == 5, "other systems keep their records")
    }
}
