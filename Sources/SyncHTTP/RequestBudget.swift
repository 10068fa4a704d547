import Synchronization

/// The token bucket shared by every user of one remote, so all mappings that talk to the same
/// Salesforce org together stay under its quota. Waiting callers reserve their token before
/// sleeping, so they are served in arrival order and the rate holds under contention.
public final class RequestBudget: Sendable {
    public let limit: RateLimit
    private let environment: HTTPEnvironment

    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private let bucket: Mutex<Bucket>

    /// The bucket starts full. Throws when `limit` is unusable.
    public init(_ limit: RateLimit, environment: HTTPEnvironment = .live) throws(HTTPError) {
        if let problem = limit.problem {
            throw HTTPError.invalidConfiguration(remote: "", reason: problem)
        }
        self.limit = limit
        self.environment = environment
        self.bucket = Mutex(Bucket(tokens: Double(limit.burst), updated: environment.monotonicNow()))
    }

    /// Takes one token, waiting for it if the bucket is empty. Returns how long it waited, or
    /// nil when cancelled while waiting (the token is then given back).
    @discardableResult
    public func acquire(cancellation: HTTPCancellation) -> Duration? {
        let wait = bucket.withLock { bucket -> Duration in
            let now = environment.monotonicNow()
            let elapsed = (now - bucket.updated).inSeconds
            if elapsed > 0 {
                bucket.tokens = min(Double(limit.burst), bucket.tokens + elapsed * limit.requestsPerSecond)
                bucket.updated = now
            }
            bucket.tokens -= 1
            return bucket.tokens >= 0 ? .zero : .seconds(-bucket.tokens / limit.requestsPerSecond)
        }
        guard wait > .zero else { return .zero }
        environment.sleep(wait, cancellation)
        if cancellation.isCancelled {
            bucket.withLock { $0.tokens += 1 }
            return nil
        }
        return wait
    }
}
