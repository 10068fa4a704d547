import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Zoho CRM")
struct ZohoTests {
    @Test("a full pull pages by page_token past the 2,000-record page-number limit", arguments: [0, 1, 200, 2001, 2450])
    func pagesToTheEnd(records: Int) throws {
        let fixture = try ZohoFixture()
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.flatMap(\.records).map(\.id) == seeded.map(\.id))
        #expect(summary.completeScan)
        #expect(fixture.count("zoho.list") == max(1, (records + 199) / 200), "one request per 200 records")
        #expect(fixture.count("zoho.token") == 1, "the token is minted once and sent as Zoho-oauthtoken")
        #expect(fixture.count("zoho.deleted") == 0, "a full pull sees deletes by absence")
        var pageByNumber = HTTPServerHeaders()
        pageByNumber.add("Authorization", "Zoho-oauthtoken " + fixture.api.issueAccessToken())
        let refused = fixture.api.handle(HTTPServerRequest(method: "GET", target: "/crm/v8/Deals?page=11&per_page=200",
                                                           headers: pageByNumber))
        #expect(refused.status == 400, "page numbers stop at 2,000 records")
    }

    @Test("incremental pulls: edits by If-Modified-Since, deletes from the deleted-records feed, 304 when quiet")
    func incremental() throws {
        let fixture = try ZohoFixture()
        let seeded = try fixture.seedDeals(300)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 600_000)
        try fixture.store.edit("Deals", id: seeded[3].id, set: ["Amount": .number(99)])
        try fixture.store.delete("Deals", id: seeded[4].id)
        fixture.clock.advance(by: 10_000)
        fixture.store.resetCounters()
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.flatMap(\.records).map(\.id) == [seeded[3].id])
        #expect(second.pages.flatMap(\.deletes).map(\.id) == [seeded[4].id])
        #expect(fixture.count("zoho.list") == 2 && fixture.count("zoho.deleted") == 1,
                "the 300 seeds are in the overlap window: 301 records, 2 pages")

        fixture.clock.advance(by: 600_000)
        fixture.store.resetCounters()
        let quiet = try fixture.pull(second.summary.cursor)
        #expect(quiet.pages.flatMap(\.records).isEmpty && quiet.pages.flatMap(\.deletes).isEmpty)
        #expect(fixture.count("zoho.list") == 1 && fixture.count("zoho.deleted") == 1, "304 and 204: one request each")
    }

    @Test("an expired token is re-minted once; a 429 then success goes on")
    func tokenExpiryAndThrottling() throws {
        let fixture = try ZohoFixture()
        try fixture.seedDeals(5)
        fixture.store.inject(.expireTokens, route: "zoho.list")
        fixture.store.inject(.status(429, retryAfter: "3"), route: "zoho.list")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.flatMap(\.records).count == 5)
        #expect(fixture.count("zoho.token") == 2)
        #expect(fixture.sleeps.all.contains(.seconds(3)))
    }

    @Test("writes: upserts by the PRM id field, updates and deletes in calls of 100, per-record failures kept")
    func writes() throws {
        let fixture = try ZohoFixture()
        let existing = try fixture.seedDeals(3)
        var writes = (0..<150).map { index in
            RecordWrite(key: "c\(index)", operation: .create, externalId: "new-\(index)",
                        fields: .object(["Deal_Name": .string("New \(index)")]))
        }
        writes.append(RecordWrite(key: "again", operation: .create, externalId: "prm-1",
                                  fields: .object(["Deal_Name": .string("Deal 1, again")])))
        writes.append(RecordWrite(key: "bad", operation: .create, externalId: "new-bad", fields: .object(["Amount": .number(1)])))
        writes.append(RecordWrite(key: "u", operation: .update, id: existing[0].id, fields: .object(["Amount": .number(7)])))
        writes.append(RecordWrite(key: "d", operation: .delete, id: existing[2].id))
        let outcomes = try fixture.connector.write(WriteBatch(object: "Deals", externalIdField: "PRM_Deal_Id", writes: writes))
        #expect(outcomes.count == writes.count)
        #expect(outcomes[key: "c0"].map { if case .applied(_, true) = $0.result { true } else { false } } == true)
        #expect(outcomes[key: "again"]?.appliedID == existing[1].id, "the upsert found the record by PRM_Deal_Id")
        let failure = try #require(outcomes[key: "bad"]?.failure)
        #expect(failure.code == "MANDATORY_NOT_FOUND" && failure.message.contains("Deal_Name") && !failure.retryable)
        #expect(fixture.store.record("Deals", id: existing[0].id)?.value(at: "Amount") == .number(7))
        #expect(fixture.store.record("Deals", id: existing[2].id)?.isDeleted == true)
        #expect(fixture.count("zoho.upsert") == 2 && fixture.count("zoho.update") == 1 && fixture.count("zoho.delete") == 1)
    }

    @Test("lookup searches by the PRM id, ten values a request")
    func lookup() throws {
        let fixture = try ZohoFixture()
        try fixture.seedDeals(30)
        let found = try fixture.connector.lookup(object: "Deals", externalIdField: "PRM_Deal_Id",
                                                 values: (0..<12).map { "prm-\($0)" } + ["missing"])
        #expect(found.count == 12)
        #expect(fixture.count("zoho.search") == 2)
    }
}
