import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct PipedriveAPITests {
    /// A request with the personal API token in `x-api-token`.
    func request(_ target: String, method: String = "GET", json: String? = nil) -> HTTPServerRequest {
        var headers = HTTPServerHeaders()
        headers.add("x-api-token", "pd-sandbox-token")
        if json != nil { headers.add("Content-Type", "application/json") }
        return HTTPServerRequest(method: method, target: target, headers: headers, body: Data((json ?? "").utf8))
    }

    func make(_ configuration: PipedriveConfiguration = PipedriveConfiguration()) -> (PipedriveAPI, ManualClock) {
        let clock = ManualClock()
        return (PipedriveAPI(configuration: configuration, clock: .manual(clock)), clock)
    }

    @Test func cursorPagingInUpdateOrderWithUpdatedSinceInWholeSeconds() throws {
        let (api, clock) = make()
        var seeded: [SandboxRecord] = []
        for index in 0..<7 {
            clock.advance(by: 1500)
            seeded.append(try api.store.seed("deals", fields: ["title": .string("d\(index)"), "status": .string("open")]))
        }
        let since = SandboxTime.iso(seeded[2].modifiedAt / 1000 * 1000)
        var cursor: String?
        var seen: [String] = []
        var requests = 0
        repeat {
            var target = "/api/v2/deals?limit=2&sort_by=update_time&sort_direction=asc&updated_since=\(since)"
            if let cursor { target += "&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            let body = try api.handle(request(target)).json
            requests += 1
            #expect(body["success"] == .bool(true))
            let items = body["data"]?.asArray ?? []
            seen += items.compactMap { $0["id"]?.asInt.map(String.init) }
            #expect(items.allSatisfy { ($0["update_time"]?.asString ?? "").hasSuffix(":00Z") || ($0["update_time"]?.asString ?? "").count == 20 })
            cursor = body["additional_data"]?["next_cursor"]?.asString
        } while cursor != nil
        #expect(seen == seeded[2...].map(\.id), "updated_since is inclusive, at whole-second precision")
        #expect(requests == 3)
    }

    @Test func deletedDealsOnlyWhenStatusAsksForThem() throws {
        let (api, _) = make()
        let deals = try api.store.seed("deals", records: (0..<3).map { ["title": .string("d\($0)"), "status": .string("open")] })
        try api.store.delete("deals", id: deals[1].id)
        let plain = try api.handle(request("/api/v2/deals")).json
        #expect(plain["data"]?.asArray?.count == 2)
        let all = try api.handle(request("/api/v2/deals?status=open,won,lost,deleted")).json
        #expect(all["data"]?.asArray?.compactMap { $0["is_deleted"]?.asBool } == [false, true, false])
        let bad = api.handle(request("/api/v2/deals?status=archived"))
        #expect(bad.status == 400)
        #expect(api.handle(request("/api/v2/persons?status=open")).status == 400)
    }

    @Test func authByTokenHeaderQueryOrOAuthAndBurstLimit() throws {
        var configuration = PipedriveConfiguration()
        configuration.burstLimit = 2
        let (api, clock) = make(configuration)
        #expect(api.handle(.get("/api/v2/deals")).status == 401)
        #expect(api.handle(.get("/api/v2/deals?api_token=pd-sandbox-token")).status == 200)
        let minted = try api.handle(.form("/oauth/token", [("grant_type", "refresh_token"), ("client_id", "sandbox-pd-client"),
                                                           ("client_secret", "sandbox-pd-secret"),
                                                           ("refresh_token", "sandbox-pd-refresh")])).json
        let access = try #require(minted["access_token"]?.asString)
        #expect(api.handle(.get("/api/v2/deals", bearer: access)).status == 200)
        let limited = api.handle(.get("/api/v2/deals", bearer: access))
        #expect(limited.status == 429 && limited.header("Retry-After") == "2")
        #expect(limited.header("x-ratelimit-remaining") == "0")
        clock.advance(by: 2001)
        #expect(api.handle(.get("/api/v2/deals", bearer: access)).status == 200)
        clock.advance(by: 3_600_000)
        #expect(api.handle(.get("/api/v2/deals", bearer: access)).status == 401, "the access token expired")
    }

    @Test func writesValidateAndMergeCustomFields() throws {
        let (api, _) = make()
        let created = api.handle(request("/api/v2/deals", method: "POST", json: #"{"title":"A","custom_fields":{"a":"1"}}"#))
        let id = try #require(try created.json["data"]?["id"]?.asInt)
        let patched = api.handle(request("/api/v2/deals/\(id)", method: "PATCH", json: #"{"custom_fields":{"b":"2"}}"#))
        #expect(try patched.json["data"]?["custom_fields"] == .object(["a": .string("1"), "b": .string("2")]))
        let missing = api.handle(request("/api/v2/deals", method: "POST", json: #"{"value":5}"#))
        #expect(try missing.status == 400 && missing.json["success"] == .bool(false))
        #expect(api.handle(request("/api/v2/deals", method: "POST", json: #"{"title":"B","id":9}"#)).status == 400)
    }
}
