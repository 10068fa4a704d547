import Dispatch
import Synchronization

/// A one-way switch that stops a client's transfers and waits: the daemon flips it on
/// SIGTERM so no request, backoff or rate-limit wait outlives the shutdown budget.
public final class HTTPCancellation: Sendable {
    private struct State {
        var cancelled = false
        var nextWaiter = 0
        var waiters: [Int: DispatchSemaphore] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Cancels; wakes every `sleep(for:)` at once. Idempotent.
    public func cancel() {
        let waiters = state.withLock { state -> [DispatchSemaphore] in
            state.cancelled = true
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.signal() }
    }

    /// Sleeps for `duration` of real time or until cancelled. Returns false when cancelled.
    @discardableResult
    public func sleep(for duration: Duration) -> Bool {
        guard duration > .zero else { return !isCancelled }
        let semaphore = DispatchSemaphore(value: 0)
        let id = state.withLock { state -> Int? in
            guard !state.cancelled else { return nil }
            state.nextWaiter += 1
            state.waiters[state.nextWaiter] = semaphore
            return state.nextWaiter
        }
        guard let id else { return false }
        let nanoseconds = min(duration.wholeMillisecondsRoundedUp, 365 * 24 * 3_600_000) * 1_000_000
        _ = semaphore.wait(timeout: .now() + .nanoseconds(nanoseconds))
        return state.withLock { state in
            state.waiters[id] = nil
            return !state.cancelled
        }
    }
}
