import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("PartnerStack pulls")
struct PartnerStackPullTests {
    @Test("a full pull follows starting_after to the end, one request per page", arguments: [0, 1, 249, 250, 251, 500, 613])
    func fullPullRequestCount(records: Int) throws {
        let fixture = try PartnerStackFixture()
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.records.map(\.id) == seeded.map(\.id), "every record once, in creation order")
        #expect(summary.completeScan)
        #expect(fixture.count("partnerstack.list") == max(1, (records + 249) / 250))
        #expect(summary.cursor.highWater == seeded.map(\.modifiedAt).max())
        #expect(pages.records.first.map { $0.modifiedAt == seeded.first?.modifiedAt } ?? true, "updated_at in epoch ms")
    }

    @Test("pages before the last keep the starting cursor: creation order is not modification order")
    func pageCursors() throws {
        let fixture = try PartnerStackFixture(options: ["pageSize": .number(100)])
        try fixture.seedDeals(250)
        let start = PullCursor(highWater: fixture.clock.now() - 3_600_000)
        let (pages, summary) = try fixture.pull(start)
        #expect(pages.count == 3)
        #expect(pages.dropLast().allSatisfy { $0.cursor == start })
        #expect(pages.last?.cursor == summary.cursor)
        #expect(summary.cursor.highWater == pages.records.map(\.modifiedAt).max())
    }

    @Test("an incremental pull after edits delivers only the edits")
    func incrementalAfterEdits() throws {
        let fixture = try PartnerStackFixture()
        let seeded = try fixture.seedDeals(300)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 600_000)
        try fixture.store.edit("deals", id: seeded[5].id, set: ["amount": .number(1)])
        try fixture.store.edit("deals", id: seeded[299].id, set: ["amount": .number(2)])
        fixture.store.resetCounters()
        let second = try fixture.pull(first.summary.cursor)
        #expect(Set(second.pages.records.map(\.id)) == [seeded[5].id, seeded[299].id])
        #expect(!second.summary.completeScan)
        #expect(fixture.count("partnerstack.list") == 2, "300 rows in the overlap window, 250 a page")
        fixture.clock.advance(by: 600_000)
        try fixture.store.edit("deals", id: seeded[9].id, set: ["name": .string("Nine")])
        fixture.store.resetCounters()
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.map(\.id) == [seeded[9].id])
        #expect(fixture.count("partnerstack.list") == 1)
        #expect(try fixture.pull(third.summary.cursor).pages.records.isEmpty)
    }

    @Test("a record committed late, with a stamp older than the cursor, is delivered once")
    func lateCommit() throws {
        let fixture = try PartnerStackFixture()
        try fixture.seedDeals(20)
        let first = try fixture.pull(nil)
        fixture.store.inject(.lateCommit(LateCommit(object: "deals", fields: ["name": .string("Late")], lagMilliseconds: 500)),
                             route: "partnerstack.list")
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map { $0.fields[key: "name"] } == [.string("Late")])
        #expect((second.pages.records.first?.modifiedAt ?? .max) < (first.summary.cursor.highWater ?? 0))
        #expect(try fixture.pull(second.summary.cursor).pages.records.isEmpty)
    }

    @Test("the cursor item edited between pages: creation order keeps it in place, nothing is skipped")
    func cursorItemEdited() throws {
        let fixture = try PartnerStackFixture(options: ["pageSize": .number(100)])
        let seeded = try fixture.seedDeals(300)
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "partnerstack.list") == 1 {
                _ = try? store.edit("deals", id: seeded[99].id, set: ["name": .string("Moved")])
            }
        }
        let first = try fixture.pull(nil)
        #expect(first.pages.records.map(\.id) == seeded.map(\.id))
        fixture.loopback.beforeEachRequest(nil)
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.contains { $0.id == seeded[99].id && $0.fields[key: "name"] == .string("Moved") },
                "the edit arrives with the next pull")
    }

    @Test("the cursor item deleted between pages: the page is asked again after the item before it")
    func cursorItemDeleted() throws {
        let fixture = try PartnerStackFixture(options: ["pageSize": .number(100)])
        let seeded = try fixture.seedDeals(250)
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "partnerstack.list") == 1 { _ = try? store.delete("deals", id: seeded[99].id) }
        }
        let (pages, _) = try fixture.pull(nil)
        let ids = pages.records.map(\.id)
        #expect(ids == seeded.map(\.id), "each record once; the deleted one was read before it went")
        #expect(fixture.count("partnerstack.list") == 4, "one extra request for the vanished cursor")
    }

    @Test("a 429 with Retry-After is waited out and the pull goes on")
    func throttledThenSuccess() throws {
        let fixture = try PartnerStackFixture()
        try fixture.seedDeals(300)
        fixture.store.inject(.status(429, retryAfter: "1"), route: "partnerstack.list")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 300)
        #expect(fixture.sleeps.all == [.seconds(1)])
        #expect(fixture.connector.usage().requests == 3)
    }

    @Test("a 429 that outlasts the retries is a rate-limit error")
    func throttledToTheEnd() throws {
        let fixture = try PartnerStackFixture(maxAttempts: 2)
        fixture.store.inject(.status(429, retryAfter: "1"), route: "partnerstack.list", times: 2)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        #expect(error?.kind == .rateLimited)
        #expect(error?.retryableLater == true)
    }

    @Test("a wrong key is an authentication error naming the remote, never the key")
    func wrongKey() throws {
        let fixture = try PartnerStackFixture(key: "sk_wrong_key")
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        #expect(error?.kind == .authenticationFailed)
        #expect(error?.remote == "portal")
        #expect(!String(describing: error).contains("sk_wrong_key"))
    }

    @Test("bad options are refused with the key named")
    func badOptions() {
        #expect(PartnerStackOptions.validate(["pageSize": .number(0)]) == ["options.pageSize: must be a whole number from 1 to 250, got 0"])
        #expect(PartnerStackOptions.validate(["limit": .number(10)]).first?.hasPrefix("options.limit: unknown key 'limit'") == true)
        #expect(PartnerStackOptions.validate(["pageSize": .number(100), "apiPath": .string("/api/v2")]).isEmpty)
    }
}
