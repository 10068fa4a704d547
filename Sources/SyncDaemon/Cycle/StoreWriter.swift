import Dispatch
import Synchronization
import SyncStore

/// Writes to the state database on a thread and a connection of its own, beside the
/// thread that hands it the work: the records index while the pull fetches the next page,
/// a sender's outcomes (and the shadows they settle) while the next write goes out. In a
/// steady cycle those writes were a third of each thread's own work, all of it between
/// two requests.
///
/// Work runs one item at a time in the order given; at most `limit` items wait (the
/// caller blocks beyond that, which bounds the memory they hold). `drain` waits for them,
/// and the owner drains before it touches the store itself (one writer at a time, and
/// what it reads includes what was handed over). The first item that fails is thrown by
/// the next `check` or `drain`, and the items after it are skipped: what they carried is
/// written again by the next cycle (records are pulled again, writes without an outcome
/// are looked up), as after a crash before they were committed.
///
/// `@unchecked Sendable`: `state` is used only by blocks on `queue`, one at a time;
/// `failure` is under its mutex.
final class StoreWriter: @unchecked Sendable {
    private let state: SyncState
    private let queue = DispatchQueue(label: "channelsync.cycle.store-writer")
    private let room: DispatchSemaphore
    private let failure = Mutex<CycleError?>(nil)

    init(state: SyncState, limit: Int = 4) {
        self.state = state
        room = DispatchSemaphore(value: max(1, limit))
    }

    /// Signalled once its item has run, or was skipped after an earlier failure.
    final class Done: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)

        /// Waits for the item (any number of times).
        func wait() {
            semaphore.wait()
            semaphore.signal()
        }

        fileprivate func signal() {
            semaphore.signal()
        }
    }

    /// Queues `work` on the writer's connection; `what` names it in the error when it fails.
    @discardableResult
    func submit(_ what: String, _ work: @escaping @Sendable (SyncState) throws -> Void) -> Done {
        let done = Done()
        room.wait()
        queue.async { [self] in
            defer {
                room.signal()
                done.signal()
            }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try work(state)
            } catch {
                failure.withLock { $0 = CycleError.store(what, error) }
            }
        }
        return done
    }

    /// Throws the first item that failed so far, without waiting.
    func check() throws(CycleError) {
        if let failure = failure.withLock({ $0 }) { throw failure }
    }

    /// Waits until every queued item is done; throws the first that failed.
    func drain() throws(CycleError) {
        queue.sync {}
        try check()
    }

    /// Waits for the queued items and closes the connection.
    func close() {
        queue.sync { try? state.close() }
    }
}
