import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("HubSpot pull")
struct HubSpotPullTests {
    @Test("450 deals arrive in three search pages (200, then 199 + 51 new after each boundary re-read) with properties as fields")
    func pages() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(450)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.map(\.records.count) == [200, 199, 51])
        #expect(pages.records.map(\.id) == seeded.map(\.id))
        #expect(summary.completeScan)
        #expect(summary.pages == 3)
        #expect(fixture.count("hubspot.search") == 3)
        #expect(fixture.store.totalRequests == 3)
        let first = try #require(pages.records.first)
        #expect(first.modifiedAt == seeded[0].modifiedAt)
        #expect(first.fields[key: "dealname"] == .string("Deal 0"))
        #expect(first.fields[key: "amount"] == .string("0"))
        #expect(first.fields[key: "properties"] == nil)
        #expect(summary.cursor.highWater == seeded.last?.modifiedAt)
    }

    @Test("25,000 changes in one pull: every one read exactly once across re-windowed searches")
    func moreThanTenThousand() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(25_000)
        let (pages, summary) = try fixture.pull(nil)
        let ids = pages.records.map(\.id)
        #expect(ids.count == 25_000)
        #expect(ids == seeded.map(\.id), "in modification order, none twice, none missing")
        #expect(summary.cursor.highWater == seeded.last?.modifiedAt)
        // Every page after the first is a new window from the last timestamp read, which
        // re-reads that one record: 1 + ceil((25,000 − 200) / 199) = 126 requests, and no
        // search ever pages near the 10,000-result cap.
        #expect(fixture.count("hubspot.search") == 126)
        #expect(fixture.store.totalRequests == 126)
        #expect(fixture.connector.usage().requests == 126)
    }

    @Test("a record edited while the pull pages is neither skipped nor lost (search offsets shift)")
    func editDuringPaging() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(600)
        var pages: [ChangePage] = []
        var edited: SandboxRecord?
        _ = try fixture.connector.pull(PullRequest(object: "deals", fields: ["dealname"], since: nil)) { page in
            pages.append(page)
            if pages.count == 1 {
                // A user edits a record already read: it moves to the end of the order.
                edited = try fixture.store.edit("deals", id: seeded[10].id, set: ["dealname": .string("Edited")])
            }
        }
        let ids = pages.records.map(\.id)
        #expect(Set(ids) == Set(seeded.map(\.id)), "no record skipped by the shift")
        #expect(ids.count == 601, "the edited record once more, with its new stamp")
        #expect(pages.records.last?.id == seeded[10].id)
        #expect(pages.records.last?.modifiedAt == edited?.modifiedAt)
    }

    @Test("an incremental pull re-reads the overlap and delivers only the late commit, once")
    func lateCommit() throws {
        let fixture = try HubSpotFixture()
        try fixture.seedDeals(40)
        let first = try fixture.pull(nil)
        fixture.store.resetCounters()
        fixture.store.inject(.lateCommit(LateCommit(object: "deals", fields: ["dealname": .string("Late")], lagMilliseconds: 500)),
                             route: "hubspot.search")
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map { $0.fields[key: "dealname"] } == [.string("Late")])
        #expect(second.summary.completeScan == false)
        #expect(fixture.count("hubspot.search") == 1)
        #expect(fixture.count("hubspot.list") == 1, "one page of the archived list")
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty)
    }

    @Test("an archived deal is reported once as a delete")
    func archived() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(10)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 10_000)
        let archived = try fixture.store.delete("deals", id: seeded[4].id)
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.isEmpty, "search skips archived records")
        #expect(second.pages.deletes == [DeletedRecord(id: seeded[4].id, deletedAt: archived.deletedAt ?? 0)])
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.deletes.isEmpty)
        #expect(third.pages.records.isEmpty)
    }
}

@Suite("HubSpot archived list interval")
struct HubSpotArchivedIntervalTests {
    @Test("with an interval, the archived list is read only when the deletes are that old, and none is lost")
    func interval() throws {
        let fixture = try HubSpotFixture(connector: { $0.archivedListIntervalMillis = 600_000 })
        let seeded = try fixture.seedDeals(5)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 1000)
        let second = try fixture.pull(first.summary.cursor)
        #expect(fixture.count("hubspot.list") == 1, "the first incremental pull lists archives")
        fixture.clock.advance(by: 1000)
        let archived = try fixture.store.delete("deals", id: seeded[1].id)
        fixture.clock.advance(by: 1000)
        let third = try fixture.pull(second.summary.cursor)
        #expect(fixture.count("hubspot.list") == 1, "not due yet")
        #expect(third.pages.deletes.isEmpty)
        fixture.clock.advance(by: 600_000)
        let fourth = try fixture.pull(third.summary.cursor)
        #expect(fixture.count("hubspot.list") == 2)
        #expect(fourth.pages.deletes == [DeletedRecord(id: seeded[1].id, deletedAt: archived.deletedAt ?? 0)])
    }
}
