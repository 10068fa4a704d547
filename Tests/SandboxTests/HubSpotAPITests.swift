import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct HubSpotAPITests {
    func deal(_ index: Int) -> [String: JSONValue] {
        ["dealname": .string("Deal \(index)"), "amount": .string("\(index * 10)"), "dealstage": .string("appointmentscheduled"),
         "channelsync_id": .string("cs-\(index)")]
    }

    func searchBody(since: Int64? = nil, after: Int? = nil, limit: Int = 200, extra: [JSONValue] = []) -> JSONValue {
        var filters = extra
        if let since {
            filters.append(.object(["propertyName": .string("hs_lastmodifieddate"), "operator": .string("GTE"),
                                    "value": .string(String(since))]))
        }
        var body: [String: JSONValue] = [
            "filterGroups": .array([.object(["filters": .array(filters)])]),
            "sorts": .array([.object(["propertyName": .string("hs_lastmodifieddate"), "direction": .string("ASCENDING")])]),
            "properties": .array([.string("dealname"), .string("amount")]),
            "limit": .int(limit),
        ]
        if let after { body["after"] = .string(String(after)) }
        return .object(body)
    }

    @Test func searchPagesToTheEndInModificationOrder() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: (0..<1050).map(deal))
        var after: Int?
        var seen: [String] = []
        var stamps: [String] = []
        var requests = 0
        repeat {
            let response = api.handle(.send("POST", "/crm/v3/objects/deals/search",
                                            value: searchBody(since: seeded[0].modifiedAt, after: after), bearer: pat))
            requests += 1
            #expect(response.status == 200)
            #expect(response.header("X-HubSpot-RateLimit-Daily") == nil, "search answers without rate-limit headers")
            let body = try response.json
            #expect(body["total"] == .int(1050))
            for result in body["results"]?.asArray ?? [] {
                seen.append(try #require(result["id"]?.asString))
                stamps.append(try #require(result["properties"]?["hs_lastmodifieddate"]?.asString))
                #expect(result["properties"]?["dealname"] != nil)
                #expect(result["archived"] == .bool(false))
            }
            after = body["paging"]?["next"]?["after"]?.asString.flatMap { Int($0) }
        } while after != nil
        #expect(requests == 6)
        #expect(seen == seeded.map(\.id))
        #expect(stamps == stamps.sorted())
        #expect(api.store.count(route: "hubspot.search") == 6)
    }

    @Test func pagingPastTenThousandResultsIsRefused() throws {
        let (api, _, pat) = makeHubSpot()
        try api.store.seed("deals", records: (0..<10_050).map(deal))
        let last = try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(after: 9_800), bearer: pat)).json
        #expect(last["total"] == .int(10_050))
        #expect(last["results"]?.count == 200)
        #expect(last["paging"]?["next"]?["after"] == .string("10000"))
        let beyond = api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(after: 10_000), bearer: pat))
        #expect(beyond.status == 400)
        let error = try beyond.json
        #expect(error["status"] == .string("error"))
        #expect(error["category"] == .string("VALIDATION_ERROR"))
        #expect(error["correlationId"]?.asString?.isEmpty == false)
        #expect(error["message"]?.asString?.contains("10000") == true)
        // A partial last page never crosses the cap.
        let edge = try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(after: 9_950), bearer: pat)).json
        #expect(edge["results"]?.count == 50)
    }

    @Test func searchLimitsAndOperatorsAreChecked() throws {
        let (api, _, pat) = makeHubSpot()
        let tooMany = api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(limit: 201), bearer: pat))
        #expect(tooMany.status == 400)
        let token = api.handle(.send("POST", "/crm/v3/objects/deals/search", json: #"{"filterGroups":[{"filters":[{"propertyName":"dealname","operator":"CONTAINS_TOKEN","value":"x"}]}]}"#, bearer: pat))
        #expect(token.status == 400)
        let badAfter = api.handle(.send("POST", "/crm/v3/objects/deals/search", json: #"{"after":"https://x/?after=1"}"#, bearer: pat))
        #expect(try badAfter.json["message"]?.asString?.contains("Cannot deserialize value of type `int`") == true)
        let unknownType = api.handle(.send("POST", "/crm/v3/objects/widgets/search", json: "{}", bearer: pat))
        #expect(try unknownType.json["message"] == .string("Unable to infer object type from: widgets"))
    }

    @Test func filtersMatchLikeHubSpot() throws {
        let (api, _, pat) = makeHubSpot()
        try api.store.seed("deals", records: (0..<10).map(deal))
        try api.store.seed("deals", fields: ["dealname": .string("No amount")])
        func total(_ filters: [[String: JSONValue]], groups: Int = 1) throws -> Int {
            let group = JSONValue.object(["filters": .array(filters.map(JSONValue.object))])
            let body = JSONValue.object(["filterGroups": .array(Array(repeating: group, count: groups)), "limit": .int(100)])
            let response = api.handle(.send("POST", "/crm/v3/objects/deals/search", value: body, bearer: pat))
            return try response.json["total"]?.asInt ?? -1
        }
        #expect(try total([["propertyName": .string("dealname"), "operator": .string("EQ"), "value": .string("deal 3")]]) == 1)
        #expect(try total([["propertyName": .string("amount"), "operator": .string("GTE"), "value": .int(50)]]) == 5)
        #expect(try total([["propertyName": .string("amount"), "operator": .string("BETWEEN"), "value": .string("20"),
                            "highValue": .string("40")]]) == 3)
        #expect(try total([["propertyName": .string("channelsync_id"), "operator": .string("IN"),
                            "values": .array([.string("cs-1"), .string("cs-2"), .string("cs-404")])]]) == 2)
        #expect(try total([["propertyName": .string("amount"), "operator": .string("NOT_HAS_PROPERTY")]]) == 1)
        #expect(try total([["propertyName": .string("amount"), "operator": .string("HAS_PROPERTY")]]) == 10)
    }

    @Test func modifyingARecordMidPagingShiftsOffsets() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: (0..<6).map(deal))
        let first = try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(limit: 3), bearer: pat)).json
        #expect(first["results"]?.asArray?.compactMap { $0["id"]?.asString } == seeded[0..<3].map(\.id))
        // A user edits the first record: it moves to the end, everything after shifts left by one.
        try api.store.edit("deals", id: seeded[0].id, set: ["amount": .string("1")])
        let second = try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(after: 3, limit: 3), bearer: pat)).json
        #expect(second["results"]?.asArray?.compactMap { $0["id"]?.asString } == [seeded[4].id, seeded[5].id, seeded[0].id],
                "record 3 is skipped, as on HubSpot")
    }

    @Test func searchLagsBehindWritesWhenConfigured() throws {
        let (api, clock, pat) = makeHubSpot { $0.searchLagMilliseconds = 2000 }
        try api.store.seed("deals", records: (0..<3).map(deal))
        func total() throws -> JSONValue? {
            try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(), bearer: pat)).json["total"]
        }
        #expect(try total() == .int(0), "fresh writes are not searchable yet")
        #expect(api.handle(.get("/crm/v3/objects/deals", bearer: pat)).status == 200)
        #expect(try api.handle(.get("/crm/v3/objects/deals", bearer: pat)).json["results"]?.count == 3, "reads see them")
        // The seeds were stamped 1 ms apart: each shows up once it is 2 s old.
        clock.advance(by: 2001)
        #expect(try total() == .int(2))
        clock.advance(by: 1)
        #expect(try total() == .int(3))
    }

    @Test func archivedRecordsLeaveSearchButListWithArchived() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: (0..<3).map(deal))
        let archive = api.handle(.send("POST", "/crm/v3/objects/deals/batch/archive",
                                       value: .object(["inputs": .array([.object(["id": .string(seeded[1].id)])])]), bearer: pat))
        #expect(archive.status == 204)
        let search = try api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(), bearer: pat)).json
        #expect(search["total"] == .int(2))
        let archived = try api.handle(.get("/crm/v3/objects/deals?archived=true&limit=10", bearer: pat)).json
        #expect(archived["results"]?.count == 1)
        #expect(archived["results"]?[0]?["archived"] == .bool(true))
        #expect(archived["results"]?[0]?["archivedAt"] != nil)
        let live = try api.handle(.get("/crm/v3/objects/deals?limit=1", bearer: pat)).json
        let next = try #require(live["paging"]?["next"]?["after"]?.asString)
        #expect(next == seeded[2].id)
        let rest = try api.handle(.get("/crm/v3/objects/deals?limit=1&after=\(next)", bearer: pat)).json
        #expect(rest["results"]?[0]?["id"] == .string(seeded[2].id))
        #expect(rest["paging"] == nil)
    }

    // MARK: - Batch writes

    @Test func batchLimitIsOneHundredInputs() throws {
        let (api, _, pat) = makeHubSpot()
        let inputs = (0..<101).map { JSONValue.object(["properties": .object(["dealname": .string("d\($0)")])]) }
        let response = api.handle(.send("POST", "/crm/v3/objects/deals/batch/create", value: .object(["inputs": .array(inputs)]),
                                        bearer: pat))
        #expect(response.status == 400)
        #expect(try response.json["category"] == .string("VALIDATION_ERROR"))
        #expect(api.store.count("deals") == 0)
    }

    @Test func upsertByUniquePropertyReportsNew() throws {
        let (api, _, pat) = makeHubSpot()
        try api.store.seed("deals", fields: deal(1))
        let inputs: [JSONValue] = [
            .object(["id": .string("cs-1"), "idProperty": .string("channelsync_id"), "properties": .object(["amount": .int(99)])]),
            .object(["id": .string("cs-2"), "idProperty": .string("channelsync_id"), "properties": .object(["dealname": .string("New")])]),
        ]
        let response = api.handle(.send("POST", "/crm/v3/objects/deals/batch/upsert", value: .object(["inputs": .array(inputs)]),
                                        bearer: pat))
        #expect(response.status == 200)
        let results = try #require(try response.json["results"]?.asArray)
        #expect(results.map { $0["new"] } == [.bool(false), .bool(true)])
        #expect(results[0]["properties"]?["amount"] == .string("99"))
        #expect(api.store.record("deals", uniqueField: "channelsync_id", value: .string("cs-2")) != nil)
        let notUnique = api.handle(.send("POST", "/crm/v3/objects/deals/batch/upsert", value: .object(["inputs": .array([
            .object(["id": .string("x"), "idProperty": .string("dealname"), "properties": .object([:])]),
        ])]), bearer: pat))
        #expect(notUnique.status == 400)
    }

    @Test("a batch naming one record twice is refused as a whole, as HubSpot does; nothing is written")
    func duplicateIDsRefused() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: (0..<2).map(deal))
        let inputs: [JSONValue] = [seeded[0].id, seeded[1].id, seeded[0].id].map {
            .object(["id": .string($0), "properties": .object(["amount": .string("5")])])
        }
        for operation in ["update", "archive"] {
            let response = api.handle(.send("POST", "/crm/v3/objects/deals/batch/\(operation)",
                                            value: .object(["inputs": .array(inputs)]), bearer: pat))
            #expect(response.status == 400, "\(operation)")
            #expect(try response.json["message"]?.asString?.contains("Duplicate IDs found in batch input") == true)
        }
        #expect(api.store.record("deals", id: seeded[1].id)?.fields["amount"] == .string("10"))
        #expect(api.store.record("deals", id: seeded[1].id)?.isDeleted == false)
    }

    @Test func partialFailureAnswers207WithErrors() throws {
        let (api, _, pat) = makeHubSpot()
        let seeded = try api.store.seed("deals", records: (0..<4).map(deal))
        api.store.inject(.partialBatchFailure(.everyKth(2)), route: "hubspot.batch.update")
        let inputs = seeded.map { JSONValue.object(["id": .string($0.id), "properties": .object(["amount": .string("5")])]) }
            + [.object(["id": .string("99999"), "properties": .object(["amount": .string("5")])])]
        let response = api.handle(.send("POST", "/crm/v3/objects/deals/batch/update", value: .object(["inputs": .array(inputs)]),
                                        bearer: pat))
        #expect(response.status == 207)
        let body = try response.json
        #expect(body["results"]?.count == 2)
        #expect(body["numErrors"] == .int(3))
        let failed = body["errors"]?.asArray?.flatMap { $0["context"]?["ids"]?.asArray ?? [] }.compactMap(\.asString)
        #expect(Set(failed ?? []) == [seeded[1].id, seeded[3].id, "99999"])
        #expect(body["errors"]?.asArray?.contains { $0["category"] == .string("OBJECT_NOT_FOUND") } == true)
        #expect(api.store.record("deals", id: seeded[0].id)?.fields["amount"] == .string("5"))
        #expect(api.store.record("deals", id: seeded[1].id)?.fields["amount"] == .string("10"))
    }

    @Test func invalidPropertiesRefuseTheWholeBatch() throws {
        let (api, _, pat) = makeHubSpot()
        let inputs: [JSONValue] = [
            .object(["properties": .object(["dealname": .string("ok")])]),
            .object(["properties": .object(["nonsense": .string("x"), "hs_lastmodifieddate": .string("1")])]),
        ]
        let response = api.handle(.send("POST", "/crm/v3/objects/deals/batch/create", value: .object(["inputs": .array(inputs)]),
                                        bearer: pat))
        #expect(response.status == 400)
        let message = try #require(try response.json["message"]?.asString)
        #expect(message.hasPrefix("Property values were not valid: "))
        #expect(message.contains("PROPERTY_DOESNT_EXIST") && message.contains("READ_ONLY_VALUE"))
        #expect(api.store.count("deals") == 0)
    }

    @Test func duplicateUniqueValueOnCreateIsAConflict() throws {
        let (api, _, pat) = makeHubSpot()
        let existing = try api.store.seed("contacts", fields: ["email": .string("a@example.com")])
        let inputs: [JSONValue] = [
            .object(["properties": .object(["email": .string("b@example.com")])]),
            .object(["properties": .object(["email": .string("A@Example.com")])]),
        ]
        let response = api.handle(.send("POST", "/crm/v3/objects/contacts/batch/create", value: .object(["inputs": .array(inputs)]),
                                        bearer: pat))
        #expect(response.status == 409)
        let body = try response.json
        #expect(body["category"] == .string("CONFLICT"))
        #expect(body["message"]?.asString?.contains("Existing ID: \(existing.id)") == true)
        #expect(api.store.count("contacts") == 1, "the whole batch is rolled back")
    }

    // MARK: - Auth and limits

    @Test func oauthTokensExpireAndRefresh() throws {
        let (api, clock, _) = makeHubSpot { $0.accessTokenLifetimeMilliseconds = 60_000 }
        let missing = api.handle(.get("/crm/v3/objects/deals"))
        #expect(missing.status == 401)
        #expect(try missing.json["category"] == .string("INVALID_AUTHENTICATION"))
        let granted = api.handle(.form("/oauth/v1/token", [("grant_type", "refresh_token"), ("client_id", "sandbox-hs-client"),
                                                           ("client_secret", "sandbox-hs-secret"),
                                                           ("refresh_token", "sandbox-hs-refresh")]))
        let body = try granted.json
        #expect(body["expires_in"] == .int(60))
        let token = try #require(body["access_token"]?.asString)
        #expect(api.handle(.get("/crm/v3/objects/deals", bearer: token)).status == 200)
        clock.advance(by: 65_000)
        let expired = api.handle(.get("/crm/v3/objects/deals", bearer: token))
        #expect(expired.status == 401)
        #expect(try expired.json["category"] == .string("EXPIRED_AUTHENTICATION"))
        #expect(try expired.json["message"] == .string("The OAuth token used to make this call expired 5 second(s) ago."))
        let wrongSecret = api.handle(.form("/oauth/v1/token", [("grant_type", "refresh_token"), ("client_id", "sandbox-hs-client"),
                                                               ("client_secret", "x"), ("refresh_token", "sandbox-hs-refresh")]))
        #expect(wrongSecret.status == 400)
    }

    @Test func burstLimitAnswers429UntilTheWindowPasses() throws {
        let (api, clock, pat) = makeHubSpot { $0.burstLimit = 3 }
        for expected in [2, 1, 0] {
            let response = api.handle(.get("/crm/v3/objects/deals", bearer: pat))
            #expect(response.status == 200)
            #expect(response.header("X-HubSpot-RateLimit-Remaining") == String(expected))
            #expect(response.header("X-HubSpot-RateLimit-Max") == "3")
        }
        let limited = api.handle(.get("/crm/v3/objects/deals", bearer: pat))
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "10")
        let body = try limited.json
        #expect(body["policyName"] == .string("TEN_SECONDLY_ROLLING"))
        #expect(body["category"] == .string("RATE_LIMITS"))
        clock.advance(by: 10_001)
        #expect(api.handle(.get("/crm/v3/objects/deals", bearer: pat)).status == 200)
    }

    @Test func injected429UsesHubSpotsBody() throws {
        let (api, _, pat) = makeHubSpot()
        api.store.inject(.status(429, retryAfter: "3"), route: "hubspot.search")
        let response = api.handle(.send("POST", "/crm/v3/objects/deals/search", value: searchBody(), bearer: pat))
        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "3")
        #expect(try response.json["errorType"] == .string("RATE_LIMIT"))
    }
}
