import Dispatch
import Foundation
import Testing
@testable import SyncStore

@Suite struct DatabaseQueueTests {
    @Test func callsFromManyThreadsAreSerialized() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let queue = try DatabaseQueue(path: path)
            try queue.sync { try createItemsTable($0) }
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                for index in 0..<50 {
                    try? queue.sync { db in
                        try db.inTransaction { db in
                            try insertItem(db, "worker \(worker) item \(index)")
                            return .commit
                        }
                    }
                }
            }
            #expect(try queue.sync { try itemCount($0) } == 200)
            try queue.close()
            #expect(throws: StoreError.closed(path: path)) { try queue.sync { try itemCount($0) } }
        }
    }

    @Test func reentrantUseThrowsInsteadOfDeadlocking() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            #expect(throws: StoreError.reentrantQueueAccess(path: path)) {
                try queue.sync { _ in try queue.sync { _ in 1 } }
            }
        }
    }
}
