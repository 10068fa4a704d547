import Connectors
import Dispatch
import Synchronization
import SyncCore
import Testing
@testable import SyncDaemon

/// The pull runs one page ahead of the cycle on a thread of its own, hands every page
/// over in order, and stops fetching once the cycle gives up.
@Suite struct PageFeedTests {
    /// Serves `pages` pages of one record each, noting each page it fetched; page
    /// `failAt` (1-based) fails like a remote error instead.
    final class PagedConnector: Connector {
        let pages: Int
        let failAt: Int?
        let fetched = Mutex<[Int]>([])
        /// Signalled each time a page was fetched (before it is handed over).
        let fetchedOne = DispatchSemaphore(value: 0)

        init(pages: Int, failAt: Int? = nil) {
            self.pages = pages
            self.failAt = failAt
        }

        var limits: ConnectorLimits { ConnectorLimits(maxPageSize: 1, maxBatch: 1) }

        func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary {
            for number in 1...pages {
                if number == failAt {
                    throw ConnectorError.malformedResponse(remote: "test", endpoint: "GET page", reason: "page \(number)")
                }
                fetched.withLock { $0.append(number) }
                fetchedOne.signal()
                let record = NativeRecord(id: "R\(number)", modifiedAt: Int64(number), fields: .object([:]))
                try onPage(ChangePage(records: [record], cursor: PullCursor(highWater: Int64(number))))
            }
            return PullSummary(cursor: PullCursor(highWater: Int64(pages)), completeScan: true, pages: pages)
        }

        func write(_ batch: WriteBatch) throws -> [WriteOutcome] { [] }
        func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord] { [:] }
        func usage() -> APIUsage { APIUsage() }
    }

    static let request = PullRequest(object: "Deal", fields: [], since: nil)

    /// The first record id of a delivered page; nil for the end of the pull.
    static func firstID(_ delivery: PageFeed.Delivery) -> String? {
        guard case let .page(page) = delivery else { return nil }
        return page.records.first?.id
    }

    @Test func everyPageArrivesInOrderThenTheSummary() throws {
        let connector = PagedConnector(pages: 5)
        let feed = PageFeed(connector, Self.request, label: "test.feed")
        var ids: [String] = []
        var ended: PullSummary?
        while ended == nil {
            switch try feed.next() {
            case let .page(page): ids += page.records.map(\.id)
            case let .end(summary): ended = summary
            }
        }
        feed.close()
        #expect(ended?.pages == 5 && ended?.cursor.highWater == 5)
        #expect(ids == ["R1", "R2", "R3", "R4", "R5"])
    }

    @Test func theNextPageIsFetchedWhileTheCycleWorksOnThisOne() throws {
        let connector = PagedConnector(pages: 3)
        let feed = PageFeed(connector, Self.request, label: "test.feed")
        #expect(try Self.firstID(feed.next()) == "R1")
        // Page 1 is the cycle's now; pages 2 (waiting) and 3 (fetched, waiting for room)
        // come without the cycle asking for them, and no more.
        for _ in 1...3 { connector.fetchedOne.wait() }
        #expect(connector.fetchedOne.wait(timeout: .now() + .milliseconds(100)) == .timedOut)
        #expect(connector.fetched.withLock { $0 } == [1, 2, 3])
        feed.cancel()
    }

    @Test func aCancelledFeedStopsFetchingAndItsThreadIsDone() throws {
        let connector = PagedConnector(pages: 100)
        let feed = PageFeed(connector, Self.request, label: "test.feed")
        _ = try feed.next()
        feed.cancel()
        let fetched = connector.fetched.withLock { $0 }
        // At most the page taken, the one waiting and the one fetched after it.
        #expect(fetched.count <= 3)
        #expect(fetched == Array(1...fetched.count))
    }

    @Test func aRemoteErrorIsThrownAfterThePagesBeforeIt() throws {
        let connector = PagedConnector(pages: 5, failAt: 3)
        let feed = PageFeed(connector, Self.request, label: "test.feed")
        #expect(try Self.firstID(feed.next()) == "R1")
        #expect(try Self.firstID(feed.next()) == "R2")
        let error = #expect(throws: ConnectorError.self) { try feed.next() }
        #expect(String(describing: error).contains("page 3"))
        feed.cancel()
    }
}
