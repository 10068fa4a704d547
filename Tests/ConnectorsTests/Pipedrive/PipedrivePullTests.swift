import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Pipedrive pulls")
struct PipedrivePullTests {
    @Test("a full pull follows next_cursor to the end, one request per page", arguments: [0, 1, 499, 500, 501, 1203])
    func fullPull(records: Int) throws {
        let fixture = try PipedriveFixture()
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.records.map(\.id) == seeded.map(\.id), "every deal once, in update_time order")
        #expect(summary.completeScan)
        #expect(fixture.count("pipedrive.list") == max(1, (records + 499) / 500))
        #expect(summary.cursor.highWater == seeded.last.map { $0.modifiedAt / 1000 * 1000 }, "update_time has whole seconds")
        #expect(pages.last?.cursor == summary.cursor)
    }

    @Test("an incremental pull after edits delivers the edits, and deleted deals as deletes")
    func incremental() throws {
        let fixture = try PipedriveFixture(options: ["pageSize": .number(100)])
        let seeded = try fixture.seedDeals(250)
        fixture.clock.advance(by: 10_000)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 600_000)
        try fixture.store.edit("deals", id: seeded[5].id, set: ["value": .number(1)])
        fixture.clock.advance(by: 1000)
        try fixture.store.edit("deals", id: seeded[249].id, set: ["status": .string("won")])
        fixture.clock.advance(by: 1000)
        try fixture.store.delete("deals", id: seeded[7].id)
        fixture.clock.advance(by: 60_000)
        fixture.store.resetCounters()
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map(\.id) == [seeded[5].id, seeded[249].id, seeded[7].id])
        #expect(second.pages.records.map(\.deleted) == [false, false, true])
        #expect(second.pages.records[1].fields[key: "status"] == .string("won"))
        #expect(!second.summary.completeScan)
        #expect(fixture.count("pipedrive.list") == 1)

        fixture.clock.advance(by: 600_000)
        fixture.store.resetCounters()
        let quiet = try fixture.pull(second.summary.cursor)
        #expect(quiet.pages.records.isEmpty, "nothing changed: nothing delivered twice")
        #expect(fixture.count("pipedrive.list") == 1)
    }

    @Test("an edit in the same second as the last pull is still delivered (whole-second stamps)")
    func sameSecondEdit() throws {
        let fixture = try PipedriveFixture()
        let seeded = try fixture.seedDeals(3)
        let first = try fixture.pull(nil)
        // The clock stands still: the edit gets the same whole-second update_time.
        try fixture.store.edit("deals", id: seeded[2].id, set: ["title": .string("Changed")])
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.contains { $0.id == seeded[2].id && $0.fields[key: "title"] == .string("Changed") })
    }

    @Test("429 with Retry-After, then success: the pull waits and goes on")
    func throttled() throws {
        let fixture = try PipedriveFixture(options: ["pageSize": .number(10)])
        try fixture.seedDeals(25)
        fixture.store.inject(.status(429, retryAfter: "2"), route: "pipedrive.list")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 25)
        #expect(fixture.sleeps.all.contains(.seconds(2)), "\(fixture.sleeps.all)")
        #expect(fixture.connector.usage().requests == 4, "3 pages and the refused one")
    }

    @Test("429 that does not clear: rateLimited, retryable later")
    func throttledForGood() throws {
        let fixture = try PipedriveFixture()
        fixture.store.inject(.status(429, retryAfter: "1"), route: "pipedrive.list", times: 10)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .rateLimited? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.retryableLater == true)
    }

    @Test("every response's x-ratelimit headers come from the stand-in's 2-second window")
    func rateLimitHeaders() throws {
        let fixture = try PipedriveFixture()
        var headers = HTTPServerHeaders()
        headers.add("x-api-token", "pd-sandbox-token")
        let response = fixture.api.handle(HTTPServerRequest(method: "GET", target: "/api/v2/deals?limit=1", headers: headers))
        #expect(response.status == 200)
        #expect(response.header("x-ratelimit-limit") == "80" && response.header("x-ratelimit-remaining") == "79")
    }

    @Test("OAuth: a token expired early is re-minted once and the pull goes on")
    func tokenExpiry() throws {
        let fixture = try PipedriveFixture(oauth: true)
        try fixture.seedDeals(3)
        let first = try fixture.pull(nil)
        #expect(fixture.count("pipedrive.token") == 1)
        try fixture.store.edit("deals", id: first.pages.records[0].id, set: ["title": .string("Renamed")])
        fixture.clock.advance(by: 1000)
        fixture.store.inject(.expireTokens, route: "pipedrive.list")
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map { $0.fields[key: "title"] }.contains(.string("Renamed")))
        #expect(fixture.count("pipedrive.token") == 2)
        #expect(fixture.tokens.all.count == 2, "each mint is saved")
    }

    @Test("a revoked API token fails as an authentication error, never showing the token")
    func badToken() throws {
        let fixture = try PipedriveFixture(token: "not-the-right-token")
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .authenticationFailed? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(!"\(String(describing: error))".contains("not-the-right-token"))
    }
}
