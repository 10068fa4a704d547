import Foundation
import Synchronization
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Impartner pulls")
struct ImpartnerPullTests {
    @Test("a full pull pages to the end with one request per page", arguments: [0, 1, 499, 500, 501, 1000, 1234])
    func fullPullRequestCount(records: Int) throws {
        let fixture = try ImpartnerFixture()
        let seeded = try fixture.seedDeals(records)
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.records.map(\.id) == seeded.map(\.id), "every record once, in modification order")
        #expect(summary.completeScan)
        #expect(fixture.count("impartner.list") == max(1, (records + 499) / 500))
        #expect(fixture.connector.usage().requests == max(1, (records + 499) / 500))
        #expect(summary.cursor.highWater == seeded.last?.modifiedAt)
        if let first = pages.records.first {
            #expect(first.fields[key: "stage"]?[key: "name"] == .string("Open"), "nested objects come whole")
            #expect(first.fields[key: "externalId"] == nil, "only the selected fields")
        }
    }

    @Test("an incremental pull after edits delivers only the edits, even inside the overlap window")
    func incrementalAfterEdits() throws {
        let fixture = try ImpartnerFixture(options: ["pageSize": .number(50)])
        let seeded = try fixture.seedDeals(120)
        let first = try fixture.pull(nil)
        #expect(first.pages.records.count == 120)
        #expect(fixture.count("impartner.list") == 3)
        // Ten minutes later, three edits. The 60 s overlap before the old high-water mark
        // still holds all 120 seeded records, which are read again but not delivered.
        fixture.clock.advance(by: 600_000)
        for record in [seeded[3], seeded[60], seeded[119]] {
            try fixture.store.edit("Deal", id: record.id, set: ["amount": .number(999)])
        }
        fixture.store.resetCounters()
        let second = try fixture.pull(first.summary.cursor)
        #expect(Set(second.pages.records.map(\.id)) == Set([seeded[3].id, seeded[60].id, seeded[119].id]))
        #expect(second.pages.records.allSatisfy { $0.fields[key: "amount"] == .number(999) })
        #expect(!second.summary.completeScan)
        #expect(fixture.count("impartner.list") == 3, "120 rows in the window, 50 a page")
        // Ten minutes on, one more edit: the window now holds the three edits and it.
        fixture.clock.advance(by: 600_000)
        try fixture.store.edit("Deal", id: seeded[7].id, set: ["name": .string("Renamed")])
        fixture.store.resetCounters()
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.map(\.id) == [seeded[7].id])
        #expect(third.pages.records.first?.fields[key: "name"] == .string("Renamed"))
        #expect(fixture.count("impartner.list") == 1)
        let fourth = try fixture.pull(third.summary.cursor)
        #expect(fourth.pages.records.isEmpty, "nothing is delivered twice")
        #expect(fourth.summary.cursor.highWater == third.summary.cursor.highWater)
    }

    @Test("a record committed late, with a stamp older than the cursor, is delivered once")
    func lateCommit() throws {
        let fixture = try ImpartnerFixture()
        try fixture.seedDeals(20)
        let first = try fixture.pull(nil)
        fixture.store.inject(.lateCommit(LateCommit(object: "Deal", fields: ["name": .string("Late")], lagMilliseconds: 1000)),
                             route: "impartner.list")
        let second = try fixture.pull(first.summary.cursor)
        #expect(second.pages.records.map { $0.fields[key: "name"] } == [.string("Late")])
        let late = try #require(second.pages.records.first)
        #expect(late.modifiedAt < first.summary.cursor.highWater ?? 0, "older than the cursor already saved")
        let third = try fixture.pull(second.summary.cursor)
        #expect(third.pages.records.isEmpty, "not delivered a second time by the next overlap")
    }

    @Test("without an overlap window the late record is lost: the window is what saves it")
    func lateCommitWithoutOverlap() throws {
        let fixture = try ImpartnerFixture()
        try fixture.seedDeals(20)
        let first = try fixture.pull(nil, overlap: 0)
        fixture.store.inject(.lateCommit(LateCommit(object: "Deal", fields: ["name": .string("Late")], lagMilliseconds: 1000)),
                             route: "impartner.list")
        let second = try fixture.pull(first.summary.cursor, overlap: 0)
        #expect(!second.pages.records.contains { $0.fields[key: "name"] == .string("Late") })
    }

    @Test("an edit during paging moves the record to the end; no unread record is skipped")
    func editDuringPaging() throws {
        let fixture = try ImpartnerFixture(options: ["pageSize": .number(100)])
        let seeded = try fixture.seedDeals(300)
        let edited = seeded[10]
        fixture.loopback.beforeEachRequest { store in
            // Before the second page: a record of the first page is edited.
            if store.count(route: "impartner.list") == 1 {
                _ = try? store.edit("Deal", id: edited.id, set: ["amount": .number(-1)])
            }
        }
        let (pages, _) = try fixture.pull(nil)
        let ids = pages.records.map(\.id)
        #expect(Set(ids) == Set(seeded.map(\.id)), "all 300 seen")
        #expect(ids.filter { $0 == edited.id }.count == 2, "the edited record again, with its new stamp")
        #expect(pages.records.last?.fields[key: "amount"] == .number(-1))
    }

    @Test("records sharing one stamp across a page boundary are neither skipped nor repeated")
    func tiesAtTheBoundary() throws {
        let fixture = try ImpartnerFixture(options: ["pageSize": .number(4)])
        let stamp = fixture.clock.now() + 10
        var ids: [String] = []
        for index in 0..<10 {
            ids.append(try fixture.store.seed("Deal", fields: ["name": .string("Tied \(index)")], modifiedAt: stamp).id)
        }
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.map(\.id).sorted() == ids.sorted())
        #expect(fixture.count("impartner.list") == 3)
    }

    @Test("a 429 with Retry-After is waited out and the pull goes on")
    func throttledThenSuccess() throws {
        let fixture = try ImpartnerFixture()
        try fixture.seedDeals(10)
        fixture.store.inject(.status(429, retryAfter: "2"), route: "impartner.list")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 10)
        #expect(fixture.sleeps.all == [.seconds(2)])
        #expect(fixture.connector.usage().requests == 2)
        #expect(fixture.connector.usage().throttled == 0, "the retry succeeded; throttled counts final 429s")
    }

    @Test("a wrong key is an authentication error naming the remote, never the key")
    func wrongKey() throws {
        let fixture = try ImpartnerFixture(key: "not-the-key")
        try fixture.seedDeals(3)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .authenticationFailed(let remote, _, let message)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(remote == "portal")
        #expect(message == "Unauthorized")
        #expect(!String(describing: error).contains("not-the-key"))
    }

    @Test("a refused key is read again once: a rotated key is sent at once, the same key is not resent")
    func refusedKeyIsReadAgain() throws {
        let key = CachedKey(file: "not-the-key")
        let fixture = try ImpartnerFixture(credentials: key.source)
        try fixture.seedDeals(3)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        #expect(error?.kind == .authenticationFailed)
        #expect(fixture.count("impartner.list") == 1, "the key read again was the refused one: no second request")
        #expect(key.fileReads == 2)

        key.rotate(to: "prm-sandbox-key")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.flatMap(\.records).count == 3, "the refusal made the new key be read and sent")
        #expect(fixture.count("impartner.list") == 3)
        _ = try fixture.pull(nil)
        #expect(key.fileReads == 3, "a key that works stays cached")
    }

    @Test("bad options are refused with the key named")
    func badOptions() throws {
        #expect(ImpartnerOptions.validate(["pageSize": .number(501), "pagesize": .number(3)]) == [
            "options.pagesize: unknown key 'pagesize' (did you mean 'pageSize'?); known keys here: apiPath, pageSize, authScheme, modifiedField, overlapMemory",
            "options.pageSize: must be a whole number from 1 to 500, got 501",
        ])
        #expect(ImpartnerOptions.validate(["authScheme": .string("prm key")]).first?.hasPrefix("options.authScheme:") == true)
        #expect(ImpartnerOptions.validate(["apiPath": .string("/prm/api/objects/v1"), "authScheme": .string("prm-key")]).isEmpty)
        let error = expectConnectorError { _ = try ImpartnerFixture(options: ["apiPath": .string("prm")]) }
        #expect(error?.kind == .invalidConfiguration)
    }
}

/// A key file read through a cache, as the daemon's credential source does.
final class CachedKey: Sendable {
    private struct State {
        var file: String
        var cached: String?
        var fileReads = 0
    }

    private let state: Mutex<State>

    init(file: String) {
        state = Mutex(State(file: file))
    }

    var fileReads: Int { state.withLock { $0.fileReads } }

    /// The file changes; the cache does not notice.
    func rotate(to value: String) {
        state.withLock { $0.file = value }
    }

    var source: CredentialSource {
        CredentialSource({ _ in
            self.state.withLock { state in
                if let cached = state.cached { return cached }
                state.fileReads += 1
                state.cached = state.file
                return state.file
            }
        }, forget: { _ in self.state.withLock { $0.cached = nil } })
    }
}
