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

@Suite struct PartnerStackAPITests {
    let key = "ps-sandbox-key"

    func make() -> (PartnerStackAPI, ManualClock) {
        let clock = ManualClock()
        return (PartnerStackAPI(clock: .manual(clock)), clock)
    }

    @Test func cursorPagingByKeyWithUpdatedFilter() throws {
        let (api, _) = make()
        let seeded = try api.store.seed("customers", records: (0..<600).map { ["email": .string("c\($0)@example.com")] })
        let since = seeded[100].modifiedAt
        var after: String?
        var seen: [String] = []
        var requests = 0
        repeat {
            var target = "/api/v2/customers?limit=250&order_by=updated_at&min_updated=\(since)"
            if let after { target += "&starting_after=\(after)" }
            let response = api.handle(.get(target, bearer: key))
            requests += 1
            let body = try response.json
            #expect(body["status"] == .int(200))
            let items = body["data"]?["items"]?.asArray ?? []
            seen += items.compactMap { $0["key"]?.asString }
            #expect(items.first?["updated_at"]?.asInt != nil)
            after = body["data"]?["has_more"] == .bool(true) ? items.last?["key"]?.asString : nil
        } while after != nil
        #expect(requests == 2)
        #expect(seen == seeded[100...].map(\.id))
        #expect(seen.allSatisfy { $0.hasPrefix("cust_") })
    }

    @Test func defaultOrderIsNewestFirstAndEndingBeforeGoesBack() throws {
        let (api, _) = make()
        let seeded = try api.store.seed("deals", records: (0..<5).map { ["name": .string("d\($0)")] })
        let first = try api.handle(.get("/api/v2/deals?limit=2", bearer: key)).json
        #expect(first["data"]?["items"]?.asArray?.compactMap { $0["key"]?.asString } == [seeded[4].id, seeded[3].id])
        let second = try api.handle(.get("/api/v2/deals?limit=2&starting_after=\(seeded[3].id)", bearer: key)).json
        #expect(second["data"]?["items"]?.asArray?.compactMap { $0["key"]?.asString } == [seeded[2].id, seeded[1].id])
        let back = try api.handle(.get("/api/v2/deals?limit=2&ending_before=\(seeded[2].id)", bearer: key)).json
        #expect(back["data"]?["items"]?.asArray?.compactMap { $0["key"]?.asString } == [seeded[4].id, seeded[3].id])
    }

    @Test func limitsKeysAndErrors() throws {
        let (api, _) = make()
        for limit in ["0", "251", "x"] {
            let response = api.handle(.get("/api/v2/leads?limit=\(limit)", bearer: key))
            #expect(response.status == 400)
            #expect(try response.json["status"] == .int(400))
        }
        #expect(api.handle(.get("/api/v2/leads?starting_after=lead_nope", bearer: key)).status == 400)
        #expect(api.handle(.get("/api/v2/leads")).status == 401)
        let created = try api.handle(.send("POST", "/api/v2/leads", json: #"{"email":"a@x.io","external_key":"e1"}"#, bearer: key)).json
        let leadKey = try #require(created["data"]?["key"]?.asString)
        #expect(api.handle(.send("POST", "/api/v2/leads", json: #"{"email":"b@x.io","external_key":"E1"}"#, bearer: key)).status == 409)
        let updated = try api.handle(.send("PATCH", "/api/v2/leads/\(leadKey)", json: #"{"status":"accepted"}"#, bearer: key)).json
        #expect(updated["data"]?["status"] == .string("accepted"))
        #expect(api.handle(.send("PATCH", "/api/v2/leads/\(leadKey)", json: #"{"key":"x"}"#, bearer: key)).status == 400)
        #expect(api.handle(.send("DELETE", "/api/v2/leads/\(leadKey)", json: "", bearer: key)).status == 200)
        #expect(api.handle(.get("/api/v2/leads/\(leadKey)", bearer: key)).status == 404)
    }
}

@Suite struct GenericAPITests {
    let key = "generic-sandbox-key"

    func make() -> GenericAPI {
        GenericAPI(clock: .manual(ManualClock()))
    }

    @Test func offsetPagingSplitsOpenAndClosedAndMarksTheEndBothWays() throws {
        let api = make()
        let statuses = ["open", "won", "lost", "new"]
        try api.store.seed("deals", records: (0..<10).map { ["title": .string("t\($0)"), "status": .string(statuses[$0 % 4])] })
        let first = try api.handle(.get("/v1/deals?offset=0&limit=4&modified_since=2030-01-01", bearer: key, scheme: "Token")).json
        #expect(first["data"]?["open"]?.count == 2)
        #expect(first["data"]?["closed"]?.count == 2)
        #expect(first["meta"]?["next"] == .int(4))
        let shortLast = try api.handle(.get("/v1/deals?offset=8&limit=4", bearer: key, scheme: "Token")).json
        #expect(shortLast["meta"]?.asObject?.keys.contains("next") == false, "a short last page has no 'next'")
        let fullLast = try api.handle(.get("/v1/deals?offset=5&limit=5", bearer: key, scheme: "Token")).json
        #expect(fullLast["meta"]?["next"] == .null, "a full last page says next: null")
        let clamped = try api.handle(.get("/v1/deals?limit=1000", bearer: key, scheme: "Token")).json
        #expect(clamped["meta"]?["limit"] == .int(100))
    }

    @Test func hardDeleteShiftsOffsets() throws {
        let api = make()
        let seeded = try api.store.seed("deals", records: (0..<6).map { ["title": .string("t\($0)")] })
        let first = try api.handle(.get("/v1/deals?offset=0&limit=3", bearer: key, scheme: "Token")).json
        #expect(first["data"]?["open"]?.asArray?.compactMap { $0["id"] } == [.int(1), .int(2), .int(3)])
        #expect(api.handle(.send("DELETE", "/v1/deals/\(seeded[0].id)", json: "", bearer: key, scheme: "Token")).status == 204)
        let second = try api.handle(.get("/v1/deals?offset=3&limit=3", bearer: key, scheme: "Token")).json
        #expect(second["data"]?["open"]?.asArray?.compactMap { $0["id"] } == [.int(5), .int(6)], "record 4 slid under the offset")
    }

    @Test func writesAnswerInTheirOwnShapes() throws {
        let api = make()
        #expect(api.handle(.get("/v1/contacts")).status == 403)
        #expect(api.handle(.get("/v1/contacts", bearer: key)).status == 403, "Bearer is not this API's scheme")
        let created = api.handle(.send("POST", "/v1/contacts", json: #"{"email":"a@x.io","name":"A"}"#, bearer: key, scheme: "Token"))
        #expect(created.status == 201)
        #expect(try created.json == .object(["result": .object(["id": .int(1)])]))
        let duplicate = api.handle(.send("POST", "/v1/contacts", json: #"{"email":"A@X.io"}"#, bearer: key, scheme: "Token"))
        #expect(duplicate.status == 409)
        #expect(try duplicate.json["error"]?["fields"]?["email"] == .array([.string("has already been taken")]))
        let invalid = api.handle(.send("POST", "/v1/contacts", json: #"{"name":"B"}"#, bearer: key, scheme: "Token"))
        #expect(invalid.status == 422)
        #expect(try invalid.json["error"]?["code"] == .string("validation_failed"))
        let replaced = try api.handle(.send("PUT", "/v1/contacts/1", json: #"{"email":"a@x.io"}"#, bearer: key, scheme: "Token")).json
        #expect(replaced["result"]?["record"] == .object(["id": .int(1), "email": .string("a@x.io")]), "PUT drops 'name'")
        #expect(api.handle(.send("PATCH", "/v1/contacts/1", json: "{}", bearer: key, scheme: "Token")).status == 405)
        let detail = try api.handle(.get("/v1/contacts/1", bearer: key, scheme: "Token")).json
        #expect(detail["result"]?["record"]?["email"] == .string("a@x.io"))
    }
}
