import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct PipelineFaultTests {
    let key = "ps-sandbox-key"

    func make() throws -> PartnerStackAPI {
        let api = PartnerStackAPI(clock: .manual(ManualClock()))
        try api.store.seed("customers", records: (0..<3).map { ["email": .string("c\($0)@x.io")] })
        return api
    }

    @Test func delayAndDropAreLeftToTheServer() throws {
        let api = try make()
        api.store.inject(.delay(milliseconds: 750), route: "partnerstack.list")
        let delayed = api.handle(.get("/api/v2/customers", bearer: key))
        #expect(delayed.transport.delayMilliseconds == 750)
        #expect(delayed.status == 200)
        api.store.inject(.dropConnection, route: "partnerstack.create")
        let dropped = api.handle(.send("POST", "/api/v2/customers", json: #"{"email":"new@x.io"}"#, bearer: key))
        #expect(dropped.transport.dropConnection)
        #expect(api.store.record("customers", uniqueField: "email", value: .string("new@x.io")) != nil,
                "the write committed before the connection dropped")
    }

    @Test func malformedJSONDoesNotParse() throws {
        let api = try make()
        api.store.inject(.malformedJSON, route: "*")
        let response = api.handle(.get("/api/v2/customers", bearer: key))
        #expect(response.status == 200)
        #expect(throws: JSONParseError.self) { try response.jsonBody() }
        #expect(throws: Never.self) { try api.handle(.get("/api/v2/customers", bearer: key)).jsonBody() }
    }

    @Test func expiredStaticKeysFailOnlyTheFaultedRequests() throws {
        let api = try make()
        api.store.inject(.expireTokens, route: "partnerstack.list", times: 2)
        #expect(api.handle(.get("/api/v2/customers", bearer: key)).status == 401)
        #expect(api.handle(.get("/api/v2/customers", bearer: key)).status == 401)
        #expect(api.handle(.get("/api/v2/customers", bearer: key)).status == 200)
        #expect(api.store.count(route: "partnerstack.list") == 3, "faulted requests are counted too")
    }

    @Test func aFaultThatCannotApplySaysSo() throws {
        let api = try make()
        api.store.inject(.lateCommit(LateCommit(object: "Nope", fields: [:])), route: "*")
        let response = api.handle(.get("/api/v2/customers", bearer: key))
        #expect(response.status == 500)
        #expect(try response.json["message"]?.asString?.contains("Nope") == true)
    }

    @Test func unmatchedRequestsAreCountedAndAnsweredInTheDialect() throws {
        let api = try make()
        let missing = api.handle(.get("/api/v3/customers", bearer: key))
        #expect(missing.status == 404)
        #expect(try missing.json["status"] == .int(404))
        #expect(api.handle(.send("PUT", "/api/v2/customers", json: "{}", bearer: key)).status == 405)
        #expect(api.store.count(route: "partnerstack.unmatched") == 2)
    }
}
