import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Dynamics 365 / Dataverse")
struct DataverseTests {
    @Test("a baseline pages along @odata.nextLink to the delta link", arguments: [0, 1, 500, 501, 1234])
    func pagesToTheEnd(records: Int) throws {
        let fixture = try DataverseFixture(options: ["pageSize": .number(500)])
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.flatMap(\.records).map(\.id) == seeded.map(\.id))
        if records > 0 { #expect(pages[0].records[0].fields[path: FieldPath("name")!] == .string("Deal 0")) }
        #expect(summary.completeScan)
        #expect(summary.cursor.token?.contains("$deltatoken=") == true, "the delta link is the cursor")
        #expect(pages.dropLast().allSatisfy { $0.cursor.token == nil }, "until the last page a cut-short pull starts again")
        #expect(fixture.count("dataverse.read") == max(1, (records + 499) / 500), "one request per 500 rows")
        #expect(fixture.count("dataverse.token") == 1)
    }

    @Test("the delta link brings edits, creates and deletes ($deletedEntity) and nothing when quiet")
    func incremental() throws {
        let fixture = try DataverseFixture()
        let seeded = try fixture.seedDeals(300)
        let first = try fixture.pull(nil)
        try fixture.store.edit("opportunities", id: seeded[3].id, set: ["estimatedvalue": .number(99)])
        try fixture.store.delete("opportunities", id: seeded[4].id)
        let added = try fixture.store.seed("opportunities", fields: ["name": .string("New"), "prm_dealid": .string("prm-new")])
        fixture.clock.advance(by: 60_000)
        fixture.store.resetCounters()
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.flatMap(\.records).map(\.id) == [seeded[3].id, added.id])
        #expect(second.pages.flatMap(\.records).first?.fields[path: FieldPath("estimatedvalue")!] == .number(99))
        #expect(second.pages.flatMap(\.deletes).map(\.id) == [seeded[4].id])
        #expect(!second.summary.completeScan)
        #expect(second.summary.cursor.token != first.summary.cursor.token)
        #expect(fixture.count("dataverse.read") == 1)

        fixture.store.resetCounters()
        let quiet = try fixture.pull(second.summary.cursor)
        #expect(quiet.pages.flatMap(\.records).isEmpty && quiet.pages.flatMap(\.deletes).isEmpty)
        #expect(quiet.pages.count == 1 && quiet.pages[0].cursor.token != nil, "the empty last page still moves the cursor")
        #expect(fixture.count("dataverse.read") == 1)
    }

    @Test("an expired delta token (410 Gone) takes a new baseline in the same pull, reported as a complete scan")
    func rebaseline() throws {
        let fixture = try DataverseFixture()
        let seeded = try fixture.seedDeals(20)
        let first = try fixture.pull(nil)
        try fixture.store.delete("opportunities", id: seeded[0].id)
        fixture.clock.advance(by: 8 * 86_400_000)
        fixture.store.resetCounters()
        let again = try fixture.pull(first.summary.cursor)
        #expect(again.summary.completeScan, "the engine then finds deletes by absence")
        #expect(again.pages.flatMap(\.records).map(\.id) == Array(seeded.dropFirst().map(\.id)))
        #expect(fixture.count("dataverse.read") == 2, "the 410 and one baseline page")
        #expect(again.summary.cursor.token != nil && again.summary.cursor.token != first.summary.cursor.token)

        // A purged change log makes older tokens useless too.
        fixture.store.inject(.purgeDeleteLog(object: "opportunities"), route: "dataverse.read")
        fixture.clock.advance(by: 1000)
        #expect(try fixture.pull(again.summary.cursor).summary.completeScan)
    }

    @Test("an expired access token is minted again once; a service-protection 429 waits Retry-After and goes on")
    func tokenExpiryAndThrottling() throws {
        let fixture = try DataverseFixture()
        try fixture.seedDeals(5)
        fixture.store.inject(.expireTokens, route: "dataverse.read")
        fixture.store.inject(.status(429, retryAfter: "7"), route: "dataverse.read")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.flatMap(\.records).count == 5)
        #expect(fixture.count("dataverse.token") == 2)
        #expect(fixture.sleeps.all.contains(.seconds(7)))

        fixture.store.inject(.status(429, retryAfter: "2"), route: "dataverse.batch")
        let outcomes = try fixture.connector.write(WriteBatch(object: "opportunities", externalIdField: "prm_dealid", writes: [
            RecordWrite(key: "c", operation: .create, externalId: "prm-x", fields: .object(["name": .string("X")])),
        ]))
        #expect(outcomes.first?.appliedID != nil && fixture.count("dataverse.batch") == 2)
        #expect(fixture.sleeps.all.contains(.seconds(2)))
    }

    @Test("writes: one $batch for upserts by alternate key, updates and deletes; per-record failures kept")
    func writes() throws {
        let fixture = try DataverseFixture()
        let existing = try fixture.seedDeals(3)
        var writes = (0..<150).map { index in
            RecordWrite(key: "c\(index)", operation: .create, externalId: "new-\(index)",
                        fields: .object(["name": .string("New \(index)")]))
        }
        writes.append(RecordWrite(key: "again", operation: .create, externalId: "prm-1",
                                  fields: .object(["name": .string("Deal 1, again")])))
        writes.append(RecordWrite(key: "quote", operation: .create, externalId: "O'Neil / 7?",
                                  fields: .object(["name": .string("Quoted key")])))
        writes.append(RecordWrite(key: "bad", operation: .create, externalId: "new-bad", fields: .object(["estimatedvalue": .number(1)])))
        writes.append(RecordWrite(key: "u", operation: .update, id: existing[0].id, fields: .object(["estimatedvalue": .number(7)])))
        writes.append(RecordWrite(key: "gone", operation: .update, id: "00000000-0000-4000-8000-000000000999",
                                  fields: .object(["estimatedvalue": .number(7)])))
        writes.append(RecordWrite(key: "d", operation: .delete, id: existing[2].id))
        fixture.store.inject(.partialBatchFailure(.keys(["new-7"])), route: "dataverse.batch")
        let outcomes = try fixture.connector.write(WriteBatch(object: "opportunities", externalIdField: "prm_dealid", writes: writes))
        #expect(outcomes.count == writes.count)
        #expect(fixture.count("dataverse.batch") == 1, "156 requests fit one $batch")
        #expect(outcomes[key: "c0"].map { if case .applied(_, true) = $0.result { true } else { false } } == true)
        #expect(outcomes[key: "again"].map { if case .applied(existing[1].id, false) = $0.result { true } else { false } } == true,
                "the upsert found the row by its alternate key")
        let quoted = try #require(outcomes[key: "quote"]?.appliedID)
        #expect(fixture.store.record("opportunities", id: quoted)?.value(at: "prm_dealid") == .string("O'Neil / 7?"))
        let missing = try #require(outcomes[key: "bad"]?.failure)
        #expect(missing.status == 400 && missing.code == "0x80044331" && missing.message.contains("name") && !missing.retryable)
        let injected = try #require(outcomes[key: "c7"]?.failure)
        #expect(injected.code == "0x80040265" && injected.raw?.contains("ISV code") == true)
        #expect(outcomes[key: "c8"]?.appliedID != nil, "continue-on-error: the batch went on")
        #expect(outcomes[key: "gone"]?.failure?.status == 404, "If-Match: * keeps an update from creating")
        #expect(fixture.store.record("opportunities", id: existing[0].id)?.value(at: "estimatedvalue") == .number(7))
        #expect(fixture.store.record("opportunities", id: existing[2].id)?.isDeleted == true)
        #expect(fixture.store.count("opportunities") == 3 - 1 + 150 + 1 - 1)
    }

    @Test("lookup filters by the alternate key, 25 values a request")
    func lookup() throws {
        let fixture = try DataverseFixture()
        try fixture.seedDeals(40)
        let found = try fixture.connector.lookup(object: "opportunities", externalIdField: "prm_dealid",
                                                 values: (0..<30).map { "prm-\($0)" } + ["missing"])
        #expect(found.count == 30)
        #expect(found["prm-3"]?.fields[path: FieldPath("prm_dealid")!] == .string("prm-3"))
        #expect(fixture.count("dataverse.read") == 2)
    }
}
