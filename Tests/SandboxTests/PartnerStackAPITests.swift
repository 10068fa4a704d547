import Foundation
import Testing
@testable import Sandbox
import SyncCore

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
