import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Salesforce deletes")
struct SalesforceDeleteTests {
    @Test("a deleted record comes back as an IsDeleted row, once, and the delete feed does not repeat it")
    func isDeletedRow() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(10)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 120_000)
        let deleted = try fixture.store.delete("Opportunity", id: seeded[2].id)
        fixture.clock.advance(by: 120_000)

        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map(\.id) == [seeded[2].id])
        #expect(second.pages.records.first?.deleted == true)
        #expect(second.pages.records.first?.modifiedAt == deleted.modifiedAt)
        #expect(second.pages.deletes.isEmpty, "the feed's entry for the same delete is dropped")
        #expect(fixture.count("salesforce.deleted") == 2 - 1)
        #expect(second.summary.completeScan == false)
        #expect((second.summary.cursor.deletesCoveredUntil ?? 0) > deleted.modifiedAt)

        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty)
        #expect(third.pages.deletes.isEmpty)
    }

    @Test("a delete read as a row before the feed covers its minute is still reported once")
    func deleteAcrossPulls() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(4)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 90_000)
        try fixture.store.delete("Opportunity", id: seeded[0].id)
        // Same minute: the feed does not cover the delete yet; the IsDeleted row does.
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map(\.deleted) == [true])
        fixture.clock.advance(by: 180_000)
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty)
        #expect(third.pages.deletes.isEmpty, "the feed's later entry repeats a delete already delivered")
    }

    @Test("a delete only the feed knows (its row is older than the query window) arrives as a DeletedRecord")
    func deleteFeedEntry() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(5)
        fixture.clock.advance(by: 60_000)
        let deleted = try fixture.store.delete("Opportunity", id: seeded[1].id)
        fixture.clock.advance(by: 600_000)
        let edited = try fixture.store.edit("Opportunity", id: seeded[3].id, set: ["Amount": .number(7)])
        fixture.clock.advance(by: 120_000)
        // The changes were read up to `edited`, the delete feed only up to before the delete.
        let cursor = PullCursor(highWater: edited.modifiedAt, deletesCoveredUntil: deleted.modifiedAt - 120_000,
                                overlapSeen: [edited.id: edited.modifiedAt])

        let (pages, summary) = try fixture.pull(cursor)
        #expect(pages.records.isEmpty)
        #expect(pages.deletes == [DeletedRecord(id: seeded[1].id, deletedAt: deleted.deletedAt ?? 0)])
        #expect(summary.completeScan == false)
        #expect((summary.cursor.deletesCoveredUntil ?? 0) > deleted.modifiedAt)
        // The delete is delivered once: the next pull does not repeat it.
        let again = try fixture.pull(summary.cursor)
        #expect(again.pages.deletes.isEmpty)
    }

    @Test("a purged delete log (earliestDateAvailable after the cursor) turns the pull into a complete scan")
    func purgedFeedCompleteScan() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(2100)
        let first = try fixture.pull(nil)
        fixture.clock.advance(by: 60_000)
        try fixture.store.delete("Opportunity", id: seeded[7].id)
        fixture.clock.advance(by: 180_000)
        fixture.store.resetCounters()
        // Emptying the recycle bin purges the record and the delete log up to now.
        fixture.store.inject(.purgeDeleteLog(object: "Opportunity"), route: "salesforce.deleted")

        let (pages, summary) = try fixture.pull(first.summary.cursor)
        #expect(summary.completeScan)
        #expect(pages.records.count == 2099)
        #expect(!pages.records.contains { $0.id == seeded[7].id })
        #expect(Set(pages.records.map(\.id)).count == 2099, "every live record once")
        #expect(fixture.count("salesforce.deleted") == 1)
        #expect(fixture.count("salesforce.queryAll") == 1)
        #expect(fixture.count("salesforce.queryMore") == 1)
        #expect(summary.cursor.deletesCoveredUntil != nil)

        // Back to incremental afterwards.
        let next = try fixture.pull(summary.cursor)
        #expect(next.summary.completeScan == false)
        #expect(next.pages.records.isEmpty)
    }
}
