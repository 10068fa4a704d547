import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct ImpartnerAPITests {
    let key = "prm-sandbox-key"

    func make() -> (ImpartnerAPI, ManualClock) {
        let clock = ManualClock()
        return (ImpartnerAPI(clock: .manual(clock)), clock)
    }

    func deal(_ index: Int) -> [String: JSONValue] {
        ["name": .string("Deal \(index)"), "amount": .int(index * 100), "externalId": .string("ext-\(index)"),
         "stage": .object(["name": .string(index % 2 == 0 ? "Won" : "Open")]),
         "company": .object(["id": .int(7), "name": .string("Acme")])]
    }

    @Test func listPagesWithTakeSkipAndUpdatedFilter() throws {
        let (api, clock) = make()
        let seeded = try api.store.seed("Deal", records: (0..<1200).map(deal))
        clock.advance(by: 1000)
        let since = SandboxTime.iso(seeded[199].modifiedAt)
        var skip = 0
        var seen: [JSONValue] = []
        while true {
            let target = "/prm/api/objects/v1/Deal?fields=\(encoded("id,name,updated,company{name},stage.name"))&filter=\(encoded("updated gt \(since)"))&orderby=\(encoded("updated asc"))&take=500&skip=\(skip)"
            let response = api.handle(.get(target, bearer: key, scheme: "prm-key"))
            #expect(response.status == 200)
            let body = try response.json
            #expect(body["success"] == .bool(true))
            #expect(body["data"]?["entity"] == .string("Deal"))
            #expect(body["data"]?["count"] == .int(1000))
            let results = body["data"]?["results"]?.asArray ?? []
            seen += results.compactMap { $0["id"] }
            if let first = results.first {
                #expect(first["company"] == .object(["name": .string("Acme")]))
                #expect(first["stage"]?["name"] != nil)
                #expect(first["amount"] == nil, "only selected fields")
            }
            skip += 500
            if skip >= 1000 { break }
        }
        #expect(seen.count == 1000)
        #expect(seen.first == .int(Int64(seeded[200].id) ?? 0))
        #expect(api.store.count(route: "impartner.list") == 2)
    }

    @Test func filterGrammarAndRefusals() throws {
        let (api, _) = make()
        try api.store.seed("Deal", records: (0..<10).map(deal))
        func count(_ filter: String) throws -> JSONValue? {
            try api.handle(.get("/prm/api/objects/v1/deal?filter=\(encoded(filter))&take=50", bearer: key, scheme: "prm-key"))
                .json["data"]?["count"]
        }
        #expect(try count("stage.name = 'won'") == .int(5))
        #expect(try count("stage.name eq 'Won' and amount ge 500") == .int(2))
        #expect(try count("externalId != 'ext-1'") == .int(9))
        #expect(try count("description = null") == .int(10))
        for bad in ["amount > 1 or amount < 0", "(amount > 1)", "amount ~ 3", "amount >"] {
            let response = api.handle(.get("/prm/api/objects/v1/Deal?filter=\(encoded(bad))", bearer: key, scheme: "prm-key"))
            #expect(response.status == 400, "\(bad)")
            #expect(try response.json["success"] == .bool(false))
        }
        let tooMany = api.handle(.get("/prm/api/objects/v1/Deal?take=501", bearer: key, scheme: "prm-key"))
        #expect(tooMany.status == 400)
    }

    @Test func writesAndAuth() throws {
        let (api, _) = make()
        #expect(api.handle(.get("/prm/api/objects/v1/Deal")).status == 401)
        #expect(api.handle(.get("/prm/api/objects/v1/Deal", bearer: "nope", scheme: "prm-key")).status == 401)
        let created = try api.handle(.send("POST", "/prm/api/objects/v1/Deal", value: .object(deal(1)), bearer: key,
                                           scheme: "prm-key")).json
        let id = try #require(created["data"]?["id"]?.asInt)
        #expect(created["data"]?["updated"]?.asString?.hasSuffix("Z") == true)
        let duplicate = api.handle(.send("POST", "/prm/api/objects/v1/Deal", value: .object(deal(1)), bearer: key, scheme: "prm-key"))
        #expect(duplicate.status == 409)
        let missing = api.handle(.send("POST", "/prm/api/objects/v1/Deal", json: #"{"amount": 1}"#, bearer: key, scheme: "prm-key"))
        #expect(missing.status == 400)
        #expect(try missing.json["errors"]?[0]?["field"] == .string("name"))
        let patched = try api.handle(.send("PATCH", "/prm/api/objects/v1/Deal/\(id)", json: #"{"stage": {"name": "Won"}}"#,
                                           bearer: key, scheme: "prm-key")).json
        #expect(patched["data"]?["stage"]?["name"] == .string("Won"))
        #expect(patched["data"]?["name"] == .string("Deal 1"))
        let readOnly = api.handle(.send("PATCH", "/prm/api/objects/v1/Deal/\(id)", json: #"{"updated": "2020-01-01T00:00:00Z"}"#,
                                        bearer: key, scheme: "prm-key"))
        #expect(readOnly.status == 400)
        #expect(api.handle(.send("DELETE", "/prm/api/objects/v1/Deal/\(id)", json: "", bearer: key, scheme: "prm-key")).status == 200)
        #expect(api.handle(.get("/prm/api/objects/v1/Deal/\(id)", bearer: key, scheme: "prm-key")).status == 404)
        #expect(api.store.count("Deal", includeDeleted: true) == 0, "deletes are hard")
    }
}
