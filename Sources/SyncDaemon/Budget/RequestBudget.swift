import Glibc
import Synchronization

/// The request budget of one remote, shared by all mappings that use it: each
/// mapping's cycle calls `acquire` before a request, on its own serial queue,
/// where blocking is expected (the same queue runs `curl_easy_perform`).
public final class RequestBudget: Sendable {
    public let remote: String
    private let bucket: Mutex<TokenBucket>
    private let clock: MonotonicClock

    public init(remote: String, policy: BudgetPolicy, clock: MonotonicClock = .system) {
        self.remote = remote
        self.bucket = Mutex(TokenBucket(policy: policy))
        self.clock = clock
    }

    public var policy: BudgetPolicy { bucket.withLock { $0.policy } }

    /// Takes a token if one is there; otherwise returns how long to wait.
    public func tryAcquire() -> Duration {
        let now = clock.now()
        return bucket.withLock { $0.take(now: now) }
    }

    /// Waits (in slices of at most 100 ms) until a request may go. Returns false,
    /// without a token, as soon as `shouldStop` says so: a stopping daemon must not
    /// sit out a long budget wait.
    public func acquire(shouldStop: () -> Bool = { false }) -> Bool {
        while true {
            if shouldStop() { return false }
            let wait = tryAcquire()
            if wait == .zero { return true }
            let slice = min(wait, .milliseconds(100))
            usleep(useconds_t(max(1, slice.nanoseconds / 1_000)))
        }
    }

    func update(policy: BudgetPolicy) {
        let now = clock.now()
        bucket.withLock { $0.update(policy: policy, now: now) }
    }
}
