import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Generic REST pulls (full scans)")
struct GenericRESTPullTests {
    @Test("a full scan follows the next offset to the end, one request per page", arguments: [0, 1, 99, 100, 101, 250])
    func fullScanRequestCount(records: Int) throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull()
        #expect(Set(pages.records.map(\.id)) == Set(seeded.map(\.id)))
        #expect(pages.records.count == records, "each record once")
        #expect(summary.completeScan)
        #expect(!fixture.connector.limits.incrementalPull)
        #expect(fixture.count("generic.list") == max(1, (records + 99) / 100),
                "the last page says so: next is null when full, absent when short")
    }

    @Test("records split across two arrays are all read, with their own ids")
    func splitArrays() throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(9)
        let (pages, _) = try fixture.pull()
        let statuses = Dictionary(uniqueKeysWithValues: pages.records.map { ($0.id, $0.fields[key: "status"]?.stringValue) })
        #expect(statuses.count == 9)
        #expect(statuses.values.filter { $0 == "won" }.count == 3, "the closed array")
        #expect(Set(statuses.keys) == Set(seeded.map(\.id)))
        #expect(pages.records.allSatisfy { $0.modifiedAt == 0 }, "this API has no modification time")
    }

    @Test("without a next marker a short page ends the scan; a full last page costs one empty request")
    func shortPageRule() throws {
        let settings = try options(sandboxOptions, changing: #"{"paging": {"style": "offset", "pageSize": 50}}"#)
        var withoutNext = settings
        if case .object(var paging)? = withoutNext["paging"] {
            paging["next"] = nil
            withoutNext["paging"] = .object(paging)
        }
        let fixture = try GenericRESTFixture(options: withoutNext)
        try fixture.seedDeals(100)
        let (pages, _) = try fixture.pull()
        #expect(pages.records.count == 100)
        #expect(fixture.count("generic.list") == 3)
        try fixture.seedDeals(20, from: 100)
        fixture.store.resetCounters()
        #expect(try fixture.pull().pages.records.count == 120)
        #expect(fixture.count("generic.list") == 3)
    }

    @Test("a hard delete: the next complete scan simply lacks the record")
    func hardDelete() throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(30)
        let first = try fixture.pull()
        try fixture.store.delete("deals", id: seeded[12].id)
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.summary.completeScan)
        #expect(Set(second.pages.records.map(\.id)) == Set(seeded.map(\.id)).subtracting([seeded[12].id]))
    }

    @Test("content hashes: equal for unchanged records across scans, different after an edit")
    func contentHashes() throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(10)
        let before = Dictionary(uniqueKeysWithValues: try fixture.pull().pages.records.map { ($0.id, $0.contentHash()) })
        try fixture.store.edit("deals", id: seeded[4].id, set: ["amount": .number(400)])
        let after = Dictionary(uniqueKeysWithValues: try fixture.pull().pages.records.map { ($0.id, $0.contentHash()) })
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed == [seeded[4].id])
    }

    /// Deletes record 0 before the second page is read: every later record moves down one
    /// offset.
    func deleteBeforeSecondPage(_ fixture: GenericRESTFixture, _ seeded: [SandboxRecord]) {
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "generic.list") == 1 { _ = try? store.delete("deals", id: seeded[0].id) }
        }
    }

    @Test("without overlapCheck, a delete during an offset scan hides a record (the hazard the option exists for)")
    func shiftWithoutCheck() throws {
        let fixture = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"paging": {"pageSize": 10}}"#))
        let seeded = try fixture.seedDeals(25)
        deleteBeforeSecondPage(fixture, seeded)
        let (pages, summary) = try fixture.pull()
        #expect(!pages.records.contains { $0.id == seeded[10].id }, "record 10 moved to offset 9, already passed")
        #expect(summary.completeScan, "and nothing noticed")
    }

    @Test("with overlapCheck, the shift is seen, the scan starts over, and every record arrives once")
    func shiftWithCheck() throws {
        let fixture = try GenericRESTFixture(options: try options(
            sandboxOptions, changing: #"{"paging": {"pageSize": 10, "overlapCheck": true}}"#))
        let seeded = try fixture.seedDeals(25)
        deleteBeforeSecondPage(fixture, seeded)
        let (pages, summary) = try fixture.pull()
        let ids = pages.records.map(\.id)
        #expect(ids.count == Set(ids).count, "each record once")
        #expect(Set(ids) == Set(seeded.map(\.id)), "record 0 was read before it went; the rest all arrive")
        #expect(summary.completeScan)
        // 2 (shift found on the second page) + 3 (24 records, 10 a page, one overlapping each later page)
        #expect(fixture.count("generic.list") == 5)
    }

    @Test("with overlapCheck and a steady list, pages overlap by one record and nothing repeats")
    func steadyOverlap() throws {
        let fixture = try GenericRESTFixture(options: try options(
            sandboxOptions, changing: #"{"paging": {"pageSize": 10, "overlapCheck": true}}"#))
        let seeded = try fixture.seedDeals(28)
        let (pages, summary) = try fixture.pull()
        #expect(pages.records.map(\.id).sorted() == seeded.map(\.id).sorted())
        #expect(summary.completeScan)
        #expect(fixture.count("generic.list") == 3, "10 + 9 + 9 new records")
    }

    @Test("with overlapCheck, a list that keeps shifting ends the scan incomplete: nothing is taken as deleted")
    func restlessList() throws {
        let fixture = try GenericRESTFixture(options: try options(
            sandboxOptions, changing: #"{"paging": {"pageSize": 10, "overlapCheck": true}}"#))
        let seeded = try fixture.seedDeals(40)
        fixture.loopback.beforeEachRequest { store in
            let served = store.count(route: "generic.list")
            if served == 1 || served == 3 { _ = try? store.delete("deals", id: seeded[served].id) }
        }
        let (_, summary) = try fixture.pull()
        #expect(!summary.completeScan)
    }

    @Test("a 429 is waited out and the scan goes on")
    func throttledThenSuccess() throws {
        let fixture = try GenericRESTFixture()
        try fixture.seedDeals(150)
        fixture.store.inject(.status(429, retryAfter: "3"), route: "generic.list")
        let (pages, _) = try fixture.pull()
        #expect(pages.records.count == 150)
        #expect(fixture.sleeps.all == [.seconds(3)])
        #expect(fixture.connector.usage().requests == 3)
    }

    @Test("an API that answers a bad key with 403 is an authentication error, with its own message")
    func forbidden() throws {
        let fixture = try GenericRESTFixture(key: "expired-key")
        let error = expectConnectorError { _ = try fixture.pull() }
        guard case .authenticationFailed(let remote, let code, let message)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(remote == "portal")
        #expect(code == "forbidden")
        #expect(message == "Authentication credentials were not provided or are invalid.")
        #expect(!String(describing: error).contains("expired-key"))
    }

    @Test("a wrong record path is an error, never an empty collection (which would read as all deleted)")
    func wrongRecordPath() throws {
        let fixture = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"list": {"records": ["results"]}}"#))
        try fixture.seedDeals(3)
        let error = expectConnectorError { _ = try fixture.pull() }
        guard case .malformedResponse(_, _, let reason)? = error else {
            Issue.record("expected malformedResponse, got \(String(describing: error))")
            return
        }
        #expect(reason == "none of the record paths 'results' is in the response (its top-level keys: data, meta); check list.records")
    }

    @Test("a record without an id at the configured path is an error naming the path")
    func missingID() throws {
        let fixture = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"record": {"id": "uuid"}}"#))
        try fixture.seedDeals(1)
        let error = expectConnectorError { _ = try fixture.pull() }
        #expect(error?.kind == .malformedResponse)
        #expect(String(describing: error).contains("record 0 has no id at 'uuid'; check record.id"))
    }
}
