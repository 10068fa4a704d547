import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Salesforce pull")
struct SalesforcePullTests {
    @Test("4,500 rows arrive in three pages of 2,000/2,000/500, in modstamp order, for the minimum of requests")
    func pagesToTheEnd() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(4500)
        let (pages, summary) = try fixture.pull(nil)

        #expect(pages.map(\.records.count) == [2000, 2000, 500])
        #expect(pages.records.map(\.id) == seeded.map(\.id))
        #expect(summary.pages == 3)
        #expect(summary.completeScan)
        #expect(summary.cursor.highWater == seeded.last?.modifiedAt)
        // 1 token + 1 queryAll + 2 queryMore: nothing else, no delete feed on a first sync.
        #expect(fixture.count("salesforce.token") == 1)
        #expect(fixture.count("salesforce.queryAll") == 1)
        #expect(fixture.count("salesforce.queryMore") == 2)
        #expect(fixture.store.totalRequests == 4)
        #expect(fixture.connector.usage().requests == 4)
        // Each page's cursor covers exactly what was delivered up to it.
        #expect(pages[0].cursor.highWater == seeded[1999].modifiedAt)
        #expect(pages[1].cursor.highWater == seeded[3999].modifiedAt)
    }

    @Test("a record's fields are the row without attributes, modstamp in epoch ms")
    func nativeRecordShape() throws {
        let fixture = try SalesforceFixture()
        let account = try fixture.store.seed("Account", fields: ["Name": .string("Acme")])
        let deal = try fixture.store.seed("Opportunity", fields: [
            "Name": .string("Big deal"), "Amount": .number(Decimal(string: "12345.67")!),
            "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
            "AccountId": .string(account.id), "Account": .object(["Name": .string("Acme")]),
        ])
        let (pages, _) = try fixture.pull(nil, fields: ["Name", "Amount", "Account.Name"])
        let record = try #require(pages.records.first)
        #expect(record.id == deal.id)
        #expect(record.modifiedAt == deal.modifiedAt)
        #expect(record.deleted == false)
        guard case .object(let fields) = record.fields else {
            Issue.record("fields is not an object")
            return
        }
        #expect(fields["attributes"] == nil)
        #expect(fields["Amount"] == .number(Decimal(string: "12345.67")!))
        #expect(fields["Name"] == .string("Big deal"))
        #expect(fields["IsDeleted"] == .bool(false))
        // Relationship fields stay nested, without their own attributes.
        #expect(record.fields[path: FieldPath("Account.Name")!] == .string("Acme"))
        #expect(fields["Account"]?[key: "attributes"] == nil)
    }

    @Test("an incremental pull re-reads the overlap but delivers only what changed")
    func incrementalSkipsOverlap() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(30)
        let first = try fixture.pull(nil)
        #expect(first.pages.records.count == 30)
        fixture.store.resetCounters()

        fixture.clock.advance(by: 5_000)
        let edited = try fixture.store.edit("Opportunity", id: seeded[3].id, set: ["Amount": .number(999)])
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map(\.id) == [edited.id])
        #expect(second.pages.records.first?.modifiedAt == edited.modifiedAt)
        #expect(second.summary.completeScan == false)
        // One delete-feed call and one query.
        #expect(fixture.count("salesforce.deleted") == 1)
        #expect(fixture.count("salesforce.queryAll") == 1)
        #expect(fixture.store.totalRequests == 2)

        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty)
        #expect(third.summary.cursor.highWater == edited.modifiedAt)
    }

    @Test("a late-committed record inside the overlap is delivered once, not lost, not repeated")
    func lateCommitInOverlap() throws {
        let fixture = try SalesforceFixture()
        try fixture.seedOpportunities(50)
        let first = try fixture.pull(nil)
        #expect(first.pages.records.count == 50)

        // Before the next query is served, a record commits with a modstamp 1 s older
        // than the newest already served: a plain "since highWater" pull would miss it.
        fixture.store.inject(.lateCommit(LateCommit(object: "Opportunity", fields: [
            "Name": .string("Late"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
        ], lagMilliseconds: 1000)), route: "salesforce.queryAll")
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.count == 1)
        let late = try #require(second.pages.records.first)
        #expect(late.fields[key: "Name"] == .string("Late"))
        #expect(late.modifiedAt < (first.summary.cursor.highWater ?? 0))

        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty, "the late record must not be delivered twice")
    }

    @Test("records modified twice are delivered again with the new modstamp")
    func reEditDelivered() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(5)
        let first = try fixture.pull(nil)
        _ = try fixture.store.edit("Opportunity", id: seeded[4].id, set: ["Amount": .number(1)])
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map(\.id) == [seeded[4].id])
    }
}
