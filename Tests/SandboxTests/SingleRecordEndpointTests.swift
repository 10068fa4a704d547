import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// Single-record endpoints and the less common orders, across dialects.
@Suite struct SingleRecordEndpointTests {
    @Test func salesforceRetrieveShowsEveryFieldOrTheListedOnes() throws {
        let (api, _, token) = makeSalesforce()
        #expect(throws: SandboxError.unknownField(object: "Lead", field: "Account")) {
            try api.store.seed("Lead", fields: ["Account": .object(["Name": .string("x")])])
        }
        let record = try api.store.seed("Opportunity", fields: ["Name": .string("Big"), "AccountId": .string("001x"),
                                                                "Account": .object(["Name": .string("Parent")])])
        let full = try api.handle(.get("/services/data/v59.0/sobjects/Opportunity/\(record.id)", bearer: token)).json
        #expect(full["Name"] == .string("Big"))
        #expect(full["Amount"] == .null, "schema fields without a value are null")
        #expect(full["SystemModstamp"] == .string("2024-01-01T00:00:00.000+0000"))
        let listed = try api.handle(.get("/services/data/v59.0/sobjects/Opportunity/\(record.id)?fields=name,Account.Name",
                                         bearer: token)).json
        #expect(listed.asObject?.keys.sorted() == ["Account", "Id", "Name", "attributes"])
        #expect(listed["Account"]?["Name"] == .string("Parent"))
        let queried = try api.handle(.get("/services/data/v59.0/query?q=\(encoded("SELECT Account.Name FROM Opportunity"))",
                                          bearer: token)).json
        #expect(queried["records"]?[0]?["Account"]?["Name"] == .string("Parent"))
        try api.store.delete("Opportunity", id: record.id)
        #expect(api.handle(.get("/services/data/v59.0/sobjects/Opportunity/\(record.id)", bearer: token)).status == 404)
        // Salesforce's own examples put a slash before the query string.
        #expect(api.handle(.get("/services/data/v59.0/query/?q=SELECT+Id+FROM+Lead", bearer: token)).status == 200)
        #expect(api.handle(.get("/services/data/59/query?q=SELECT+Id+FROM+Lead", bearer: token)).status == 404)
    }

    @Test func hubspotSingleObjectEndpoints() throws {
        let (api, _, pat) = makeHubSpot()
        let created = api.handle(.send("POST", "/crm/v3/objects/contacts", json: #"{"properties":{"email":"a@x.io","firstname":"A"}}"#,
                                       bearer: pat))
        #expect(created.status == 201)
        let id = try #require(try created.json["id"]?.asString)
        let byEmail = try api.handle(.get("/crm/v3/objects/contacts/A@X.io?idProperty=email&properties=firstname", bearer: pat)).json
        #expect(byEmail["id"] == .string(id))
        #expect(byEmail["properties"]?["firstname"] == .string("A"))
        let updated = api.handle(.send("PATCH", "/crm/v3/objects/contacts/\(id)", json: #"{"properties":{"firstname":"B","hs_object_id":"1"}}"#,
                                       bearer: pat))
        #expect(updated.status == 400, "read-only property")
        #expect(api.handle(.send("PATCH", "/crm/v3/objects/contacts/\(id)", json: #"{"properties":{"firstname":"B"}}"#,
                                 bearer: pat)).status == 200)
        #expect(api.store.record("contacts", id: id)?.fields["firstname"] == .string("B"))
        #expect(api.handle(.send("DELETE", "/crm/v3/objects/contacts/\(id)", json: "", bearer: pat)).status == 204)
        #expect(api.handle(.get("/crm/v3/objects/contacts/\(id)", bearer: pat)).status == 404)
        #expect(api.handle(.get("/crm/v3/objects/contacts/\(id)?archived=true", bearer: pat)).status == 200)
        #expect(api.handle(.get("/crm/v3/objects/contacts?limit=101", bearer: pat)).status == 400)
    }

    @Test func hubspotSortsDescendingAndByOtherProperties() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: [30, 10, 20].map { ["amount": .string(String($0))] })
        func ids(_ sort: String, after: Int = 0) throws -> [String] {
            let body = #"{"sorts":[\#(sort)],"limit":2,"after":\#(after)}"#
            return try api.handle(.send("POST", "/crm/v3/objects/deals/search", json: body, bearer: pat)).json["results"]?
                .asArray?.compactMap { $0["id"]?.asString } ?? []
        }
        #expect(try ids(#"{"propertyName":"hs_lastmodifieddate","direction":"DESCENDING"}"#) == [seeded[2].id, seeded[1].id])
        #expect(try ids(#"{"propertyName":"hs_lastmodifieddate","direction":"DESCENDING"}"#, after: 2) == [seeded[0].id])
        #expect(try ids(#"{"propertyName":"amount","direction":"ASCENDING"}"#) == [seeded[1].id, seeded[2].id])
        #expect(try ids(#""-amount""#) == [seeded[0].id, seeded[2].id])
    }

    @Test func impartnerOrdersDescendingAndByOtherFields() throws {
        let api = ImpartnerAPI(clock: .manual(ManualClock()))
        let seeded = try api.store.seed("Deal", records: [3, 1, 2].map { ["name": .string("d\($0)"), "amount": .int($0)] })
        func ids(_ query: String) throws -> [JSONValue] {
            try api.handle(.get("/prm/api/objects/v1/Deal?fields=id&\(query)", bearer: "prm-sandbox-key", scheme: "prm-key"))
                .json["data"]?["results"]?.asArray?.compactMap { $0["id"] } ?? []
        }
        let numbers = seeded.map { JSONValue.int(Int64($0.id) ?? 0) }
        #expect(try ids("orderby=\(encoded("updated desc"))&take=2") == [numbers[2], numbers[1]])
        #expect(try ids("orderby=\(encoded("updated desc"))&take=2&skip=2") == [numbers[0]])
        #expect(try ids("orderby=\(encoded("amount asc"))") == [numbers[1], numbers[2], numbers[0]])
        #expect(try ids("orderby=\(encoded("id desc"))&take=1") == [numbers[2]])
        #expect(api.handle(.get("/prm/api/objects/v1/Deal?orderby=\(encoded("amount sideways"))", bearer: "prm-sandbox-key",
                                scheme: "prm-key")).status == 400)
    }
}
