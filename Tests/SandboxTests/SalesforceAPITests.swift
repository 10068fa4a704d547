import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SalesforceAPITests {
    let version = "/services/data/v59.0"

    func opportunity(_ index: Int) -> [String: JSONValue] {
        ["Name": .string("Deal \(index)"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
         "Amount": .number(Decimal(index) * 100), "ChannelSync_Id__c": .string("cs-\(index)")]
    }

    func query(_ soql: String, all: Bool = false) -> String {
        "\(version)/\(all ? "queryAll" : "query")?q=\(encoded(soql))"
    }

    // MARK: - Auth

    @Test func clientCredentialsIssueATokenThatExpires() throws {
        let (api, clock, _) = makeSalesforce { $0.sessionLifetimeMilliseconds = 60_000 }
        let refused = api.handle(.form("/services/oauth2/token", [("grant_type", "client_credentials"),
                                                                  ("client_id", "sandbox-sf-client"),
                                                                  ("client_secret", "wrong")]))
        #expect(refused.status == 400)
        #expect(try refused.json["error"] == .string("invalid_client"))

        let granted = api.handle(.form("/services/oauth2/token", [("grant_type", "client_credentials"),
                                                                  ("client_id", "sandbox-sf-client"),
                                                                  ("client_secret", "sandbox-sf-secret")]))
        #expect(granted.status == 200)
        let body = try granted.json
        #expect(body["instance_url"] == .string("http://127.0.0.1:5000"))
        let token = try #require(body["access_token"]?.asString)

        let soql = query("SELECT Id FROM Opportunity")
        #expect(api.handle(.get(soql, bearer: token)).status == 200)
        clock.advance(by: 60_000)
        let expired = api.handle(.get(soql, bearer: token))
        #expect(expired.status == 401)
        #expect(try expired.json == .array([.object(["message": .string("Session expired or invalid"),
                                                     "errorCode": .string("INVALID_SESSION_ID")])]))
        #expect(api.handle(.get(soql)).status == 401)
    }

    @Test func refreshTokenGrantMintsANewSession() throws {
        let (api, _, _) = makeSalesforce()
        let bad = api.handle(.form("/services/oauth2/token", [("grant_type", "refresh_token"),
                                                              ("client_id", "sandbox-sf-client"),
                                                              ("refresh_token", "nope")]))
        #expect(try bad.json["error"] == .string("invalid_grant"))
        let good = api.handle(.form("/services/oauth2/token", [("grant_type", "refresh_token"),
                                                               ("client_id", "sandbox-sf-client"),
                                                               ("refresh_token", "sandbox-sf-refresh")]))
        let token = try #require(try good.json["access_token"]?.asString)
        #expect(api.handle(.get(query("SELECT Id FROM Lead"), bearer: token)).status == 200)
    }

    @Test func expireTokensFaultForcesANewToken() throws {
        let (api, _, token) = makeSalesforce()
        api.store.inject(.expireTokens, route: "salesforce.query")
        let soql = query("SELECT Id FROM Opportunity")
        #expect(api.handle(.get(soql, bearer: token)).status == 401)
        #expect(api.handle(.get(soql, bearer: token)).status == 401, "the old token stays dead")
        #expect(api.handle(.get(soql, bearer: api.issueAccessToken())).status == 200)
    }

    // MARK: - Query paging

    @Test func queryPagesThroughEveryRecordWithLocators() throws {
        let (api, clock, token) = makeSalesforce()
        try api.store.seed("Opportunity", records: (0..<4500).map(opportunity))
        clock.advance(by: 10_000)
        let soql = "SELECT Id, Name, SystemModstamp FROM Opportunity WHERE SystemModstamp > 2023-12-31T00:00:00.000Z ORDER BY SystemModstamp, Id"
        var response = api.handle(.get(query(soql), bearer: token))
        var body = try response.json
        #expect(body["totalSize"] == .int(4500))
        #expect(body["done"] == .bool(false))
        var seen: [String] = []
        var stamps: [String] = []
        var pages = 0
        while true {
            pages += 1
            let records = try #require(body["records"]?.asArray)
            #expect(records.count <= 2000)
            for record in records {
                seen.append(try #require(record["Id"]?.asString))
                stamps.append(try #require(record["SystemModstamp"]?.asString))
                #expect(record["attributes"]?["type"] == .string("Opportunity"))
            }
            guard body["done"] == .bool(false) else { break }
            let next = try #require(body["nextRecordsUrl"]?.asString)
            #expect(next.hasPrefix("\(version)/query/01g"))
            #expect(next.hasSuffix("-\(seen.count)"))
            response = api.handle(.get(next, bearer: token))
            #expect(response.status == 200)
            body = try response.json
        }
        #expect(pages == 3)
        #expect(seen.count == 4500)
        #expect(Set(seen).count == 4500)
        #expect(stamps == stamps.sorted())
        #expect(stamps.first == "2024-01-01T00:00:00.000+0000")
        #expect(api.store.count(route: "salesforce.query") == 1)
        #expect(api.store.count(route: "salesforce.queryMore") == 2)
        #expect(api.apiUsage == 3)
        #expect(response.header("Sforce-Limit-Info") == "api-usage=3/100000")
    }

    @Test func batchSizeHeaderShrinksPagesAndLimitCapsTheTotal() throws {
        let (api, _, token) = makeSalesforce()
        try api.store.seed("Opportunity", records: (0..<700).map(opportunity))
        let small = try api.handle(.get(query("SELECT Id FROM Opportunity"), bearer: token,
                                        headers: [("Sforce-Query-Options", "batchSize=250")])).json
        #expect(small["records"]?.count == 250)
        let limited = try api.handle(.get(query("SELECT Id FROM Opportunity LIMIT 5"), bearer: token)).json
        #expect(limited["totalSize"] == .int(5))
        #expect(limited["done"] == .bool(true))
        #expect(limited["nextRecordsUrl"] == nil)
    }

    @Test func sinceWindowUsesStrictAndInclusiveBounds() throws {
        let (api, _, token) = makeSalesforce()
        let records = try api.store.seed("Opportunity", records: (0..<5).map(opportunity))
        let third = SandboxTime.salesforce(records[2].modifiedAt).replacingOccurrences(of: "+0000", with: "Z")
        let after = try api.handle(.get(query("SELECT Id FROM Opportunity WHERE SystemModstamp > \(third)"), bearer: token)).json
        #expect(after["records"]?.asArray?.compactMap { $0["Id"]?.asString } == records[3...].map(\.id))
        let from = try api.handle(.get(query("SELECT Id FROM Opportunity WHERE SystemModstamp >= \(third)"), bearer: token)).json
        #expect(from["totalSize"] == .int(3))
    }

    @Test func queryAllShowsDeletedRowsAndQueryDoesNot() throws {
        let (api, _, token) = makeSalesforce()
        let records = try api.store.seed("Opportunity", records: (0..<3).map(opportunity))
        try api.store.delete("Opportunity", id: records[1].id)
        let live = try api.handle(.get(query("SELECT Id, IsDeleted FROM Opportunity"), bearer: token)).json
        #expect(live["totalSize"] == .int(2))
        let all = try api.handle(.get(query("SELECT Id, IsDeleted FROM Opportunity ORDER BY SystemModstamp, Id", all: true),
                                      bearer: token)).json
        #expect(all["totalSize"] == .int(3))
        let deleted = all["records"]?.asArray?.filter { $0["IsDeleted"] == .bool(true) }
        #expect(deleted?.count == 1)
        #expect(deleted?.first?["Id"] == .string(records[1].id))
        #expect(all["records"]?[2]?["Id"] == .string(records[1].id), "deletion bumps SystemModstamp")
    }

    @Test func filtersOnFieldsAndExternalIDs() throws {
        let (api, _, token) = makeSalesforce()
        try api.store.seed("Opportunity", records: (0..<10).map(opportunity))
        let inList = try api.handle(.get(query("SELECT Id, ChannelSync_Id__c FROM Opportunity WHERE ChannelSync_Id__c IN ('CS-3', 'cs-7', 'cs-99')"),
                                         bearer: token)).json
        #expect(inList["records"]?.asArray?.compactMap { $0["ChannelSync_Id__c"]?.asString }.sorted() == ["cs-3", "cs-7"])
        let amount = try api.handle(.get(query("SELECT Id FROM Opportunity WHERE Amount >= 500 AND StageName = 'prospecting'"),
                                         bearer: token)).json
        #expect(amount["totalSize"] == .int(5))
        let nulls = try api.handle(.get(query("SELECT Id FROM Opportunity WHERE Description = null"), bearer: token)).json
        #expect(nulls["totalSize"] == .int(10))
    }

    @Test func unsupportedSOQLIsRefusedWithSalesforceErrors() throws {
        let (api, _, token) = makeSalesforce()
        let cases: [(String, String)] = [
            ("SELECT Id FROM Opportunity WHERE Name LIKE 'a%'", "MALFORMED_QUERY"),
            ("SELECT Id FROM Opportunity WHERE Amount > 1 OR Amount < 0", "MALFORMED_QUERY"),
            ("SELECT COUNT() FROM Opportunity", "MALFORMED_QUERY"),
            ("SELECT Id FROM Opportunity ORDER BY Name", "MALFORMED_QUERY"),
            ("SELECT Id FROM Opportunity WHERE CloseDate = TODAY", "MALFORMED_QUERY"),
            ("SELEC Id FROM Opportunity", "MALFORMED_QUERY"),
            ("SELECT Bogus__c FROM Opportunity", "INVALID_FIELD"),
            ("SELECT Id FROM Widget__c", "INVALID_TYPE"),
        ]
        for (soql, code) in cases {
            let response = api.handle(.get(query(soql), bearer: token))
            #expect(response.status == 400, "\(soql)")
            let error = try response.json[0]
            #expect(error?["errorCode"] == .string(code), "\(soql)")
            #expect(error?["message"]?.asString?.contains("ERROR at Row:1:Column:") == true)
        }
    }

    @Test func unknownLocatorIsInvalid() throws {
        let (api, _, token) = makeSalesforce { $0.openCursorLimit = 1 }
        try api.store.seed("Opportunity", records: (0..<2500).map(opportunity))
        let first = try api.handle(.get(query("SELECT Id FROM Opportunity"), bearer: token)).json
        let next = try #require(first["nextRecordsUrl"]?.asString)
        _ = api.handle(.get(query("SELECT Id, Name FROM Opportunity"), bearer: token))
        let evicted = api.handle(.get(next, bearer: token))
        #expect(evicted.status == 400)
        #expect(try evicted.json[0]?["errorCode"] == .string("INVALID_QUERY_LOCATOR"))
    }

    // MARK: - Writes

    @Test func upsertCreatesThenUpdatesByExternalID() throws {
        let (api, _, token) = makeSalesforce()
        let path = "\(version)/composite/sobjects/Opportunity/ChannelSync_Id__c"
        func body(_ amount: Int) -> JSONValue {
            .object(["allOrNone": .bool(false), "records": .array([
                .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("x-1"),
                         "Name": .string("Big"), "StageName": .string("Qualification"), "CloseDate": .string("2024-09-01"),
                         "Amount": .int(amount)]),
            ])])
        }
        let first = try api.handle(.send("PATCH", path, value: body(10), bearer: token)).json
        #expect(first[0]?["success"] == .bool(true))
        #expect(first[0]?["created"] == .bool(true))
        let id = try #require(first[0]?["id"]?.asString)
        #expect(id.count == 18 && id.hasPrefix("006"))
        let second = try api.handle(.send("PATCH", path, value: body(20), bearer: token)).json
        #expect(second[0]?["created"] == .bool(false))
        #expect(second[0]?["id"] == .string(id))
        #expect(api.store.record("Opportunity", id: id)?.fields["Amount"] == .int(20))
        #expect(api.store.count("Opportunity") == 1)
    }

    @Test func moreThan200RecordsIsRefused() throws {
        let (api, _, token) = makeSalesforce()
        let records = (0..<201).map { index in
            JSONValue.object(["attributes": .object(["type": .string("Opportunity")]),
                              "ChannelSync_Id__c": .string("k\(index)")])
        }
        let response = api.handle(.send("PATCH", "\(version)/composite/sobjects/Opportunity/ChannelSync_Id__c",
                                        value: .object(["records": .array(records)]), bearer: token))
        #expect(response.status == 400)
        #expect(try response.json == .array([.object([
            "errorCode": .string("EXCEEDED_ID_LIMIT"),
            "message": .string("record limit reached. cannot submit more than 200 records into this call"),
        ])]))
        #expect(api.store.count("Opportunity") == 0)
    }

    @Test func perRecordErrorsAndPartialFailureFault() throws {
        let (api, _, token) = makeSalesforce()
        api.store.inject(.partialBatchFailure(.keys(["k2"])), route: "salesforce.composite.upsert")
        let records: [JSONValue] = [
            .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("k1"),
                     "Name": .string("A"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-01-31")]),
            .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("k2"),
                     "Name": .string("B"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-01-31")]),
            .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("k3"),
                     "Name": .string("C")]),
            .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("k4"),
                     "Name": .string("D"), "Bogus__c": .string("x")]),
            .object(["attributes": .object(["type": .string("Opportunity")]), "ChannelSync_Id__c": .string("k5"),
                     "SystemModstamp": .string("2020-01-01T00:00:00.000+0000")]),
        ]
        let results = try api.handle(.send("PATCH", "\(version)/composite/sobjects/Opportunity/ChannelSync_Id__c",
                                           value: .object(["records": .array(records)]), bearer: token)).json
        let codes = (0..<5).map { results[$0]?["errors"]?[0]?["statusCode"]?.asString }
        #expect(results[0]?["success"] == .bool(true))
        #expect(codes == [nil, "UNABLE_TO_LOCK_ROW", "REQUIRED_FIELD_MISSING", "INVALID_FIELD", "INVALID_FIELD_FOR_INSERT_UPDATE"])
        #expect(results[2]?["errors"]?[0]?["fields"] == .array([.string("StageName"), .string("CloseDate")]))
        #expect(api.store.count("Opportunity") == 1)
    }

    @Test func allOrNoneRollsEveryWriteBack() throws {
        let (api, _, token) = makeSalesforce()
        let existing = try api.store.seed("Opportunity", fields: opportunity(1))
        let records: [JSONValue] = [
            .object(["attributes": .object(["type": .string("Opportunity")]), "Id": .string(existing.id), "Name": .string("Renamed")]),
            .object(["attributes": .object(["type": .string("Opportunity")]), "Id": .string("006000000000000AAA")]),
        ]
        let results = try api.handle(.send("PATCH", "\(version)/composite/sobjects",
                                           value: .object(["allOrNone": .bool(true), "records": .array(records)]),
                                           bearer: token)).json
        #expect(results[0]?["errors"]?[0]?["statusCode"] == .string("ALL_OR_NONE_OPERATION_ROLLED_BACK"))
        #expect(results[1]?["success"] == .bool(false))
        #expect(api.store.record("Opportunity", id: existing.id) == existing)
    }

    @Test func createUpdateAndDeleteCollections() throws {
        let (api, _, token) = makeSalesforce()
        let created = try api.handle(.send("POST", "\(version)/composite/sobjects", value: .object(["records": .array([
            .object(["attributes": .object(["type": .string("Lead")]), "LastName": .string("Ng"), "Company": .string("Acme")]),
            .object(["attributes": .object(["type": .string("Account")]), "Name": .string("Acme")]),
        ])]), bearer: token)).json
        let lead = try #require(created[0]?["id"]?.asString)
        let account = try #require(created[1]?["id"]?.asString)
        #expect(lead.hasPrefix("00Q") && account.hasPrefix("001"))
        let updated = try api.handle(.send("PATCH", "\(version)/composite/sobjects", value: .object(["records": .array([
            .object(["attributes": .object(["type": .string("Lead")]), "id": .string(lead), "Status": .string("Working")]),
        ])]), bearer: token)).json
        #expect(updated[0]?["success"] == .bool(true))
        #expect(api.store.record("Lead", id: lead)?.fields["Status"] == .string("Working"))
        let deleted = try api.handle(.send("DELETE", "\(version)/composite/sobjects?ids=\(lead),\(account),\(lead)", json: "",
                                           bearer: token)).json
        #expect(deleted[0]?["success"] == .bool(true))
        #expect(deleted[1]?["success"] == .bool(true))
        #expect(deleted[2]?["errors"]?[0]?["statusCode"] == .string("ENTITY_IS_DELETED"))
        #expect(api.store.record("Lead", id: lead)?.isDeleted == true)
    }

    // MARK: - Delete log

    @Test func deletedFeedAndPurge() throws {
        let (api, clock, token) = makeSalesforce()
        let records = try api.store.seed("Opportunity", records: (0..<3).map(opportunity))
        clock.advance(by: 3_600_000)
        try api.store.delete("Opportunity", id: records[0].id)
        clock.advance(by: 120_000)
        let window = "start=\(encoded("2024-01-01T00:00:00+00:00"))&end=\(encoded("2024-01-01T02:00:00Z"))"
        let body = try api.handle(.get("\(version)/sobjects/Opportunity/deleted/?\(window)", bearer: token)).json
        #expect(body["deletedRecords"]?.count == 1)
        #expect(body["deletedRecords"]?[0]?["id"] == .string(records[0].id))
        #expect(body["deletedRecords"]?[0]?["deletedDate"] == .string("2024-01-01T01:00:00.000+0000"))
        #expect(body["earliestDateAvailable"] == .string("2024-01-01T00:00:00.000+0000"))
        #expect(body["latestDateCovered"] == .string("2024-01-01T01:02:00.000+0000"))

        api.store.inject(.purgeDeleteLog(object: "Opportunity"), route: "salesforce.deleted")
        let purged = try api.handle(.get("\(version)/sobjects/Opportunity/deleted/?\(window)", bearer: token)).json
        #expect(purged["deletedRecords"]?.count == 0)
        #expect(purged["earliestDateAvailable"] == .string("2024-01-01T01:02:00.000+0000"))
        #expect(api.store.record("Opportunity", id: records[0].id) == nil)

        let tooShort = api.handle(.get("\(version)/sobjects/Opportunity/deleted/?start=2024-01-01T01:00:00Z&end=2024-01-01T01:00:30Z",
                                       bearer: token))
        #expect(try tooShort.json[0]?["errorCode"] == .string("INVALID_REPLICATION_DATE"))
    }

    // MARK: - Limits and faults

    @Test func dailyLimitAnswers403() throws {
        let (api, _, token) = makeSalesforce { $0.dailyAPILimit = 2 }
        let soql = query("SELECT Id FROM Lead")
        #expect(api.handle(.get(soql, bearer: token)).status == 200)
        #expect(api.handle(.get(soql, bearer: token)).status == 200)
        let refused = api.handle(.get(soql, bearer: token))
        #expect(refused.status == 403)
        #expect(try refused.json[0]?["errorCode"] == .string("REQUEST_LIMIT_EXCEEDED"))
        #expect(refused.header("Sforce-Limit-Info") == "api-usage=3/2")
    }

    @Test func lateCommitLandsBehindTheNewestServedStamp() throws {
        let (api, _, token) = makeSalesforce()
        try api.store.seed("Opportunity", records: (0..<3).map(opportunity))
        let first = try api.handle(.get(query("SELECT Id, SystemModstamp FROM Opportunity"), bearer: token)).json
        let newest = try #require(first["records"]?[2]?["SystemModstamp"]?.asString)
        api.store.inject(.lateCommit(LateCommit(object: "Opportunity", fields: opportunity(9), lagMilliseconds: 1)),
                         route: "salesforce.query")
        let cursor = newest.replacingOccurrences(of: "+0000", with: "Z")
        let since = try api.handle(.get(query("SELECT Id FROM Opportunity WHERE SystemModstamp > \(cursor)"), bearer: token)).json
        #expect(since["totalSize"] == .int(0), "the late record is older than the cursor")
        let late = try #require(api.store.record("Opportunity", uniqueField: "ChannelSync_Id__c", value: .string("cs-9")))
        #expect(late.modifiedAt == (api.store.newestServed("Opportunity") ?? 0) - 1)
    }

    @Test func injectedStatusCarriesRetryAfterAndIsUsedUp() throws {
        let (api, _, token) = makeSalesforce()
        api.store.inject(.status(503, retryAfter: "7"), route: "salesforce.*", times: 1)
        let soql = query("SELECT Id FROM Lead")
        let failed = api.handle(.get(soql, bearer: token))
        #expect(failed.status == 503)
        #expect(failed.header("Retry-After") == "7")
        #expect(try failed.json[0]?["errorCode"] == .string("SERVER_UNAVAILABLE"))
        #expect(api.handle(.get(soql, bearer: token)).status == 200)
        #expect(api.store.count(route: "salesforce.query") == 2)
    }
}
