/// A remote's request budget: a token bucket refilled at `requestsPerSecond`, holding at
/// most `burst` tokens. Every attempt, retries included, spends one token.
public struct RateLimit: Sendable, Equatable {
    public var requestsPerSecond: Double
    public var burst: Int

    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }

    /// Why this limit is unusable, or nil.
    var problem: String? {
        if !(requestsPerSecond > 0) || !requestsPerSecond.isFinite {
            return "rateLimit.requestsPerSecond must be a positive number, got \(requestsPerSecond)"
        }
        if burst < 1 { return "rateLimit.burst must be at least 1, got \(burst)" }
        return nil
    }
}
