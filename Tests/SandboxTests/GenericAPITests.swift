import Foundation
import Testing
@testable import Sandbox
import SyncCore

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
