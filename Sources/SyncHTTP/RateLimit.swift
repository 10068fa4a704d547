/// A remote's request budget: a token bucket refilled at `requestsPerSecond`, holding at
/// most `burst` tokens, and at most `perDay` requests per UTC day. Every attempt, retries
/// included, spends one token and one request of the day.
public struct RateLimit: Sendable, Equatable {
    public var requestsPerSecond: Double
    public var burst: Int
    /// Requests per UTC day (the vendors' daily allocations reset by day); nil: no cap.
    public var perDay: Int?

    public init(requestsPerSecond: Double, burst: Int, perDay: Int? = nil) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.perDay = perDay
    }

    /// Why this limit is unusable, or nil.
    var problem: String? {
        if !(requestsPerSecond > 0) || !requestsPerSecond.isFinite {
            return "rateLimit.requestsPerSecond must be a positive number, got \(requestsPerSecond)"
        }
        if burst < 1 { return "rateLimit.burst must be at least 1, got \(burst)" }
        if let perDay, perDay < 1 { return "rateLimit.perDay must be at least 1, got \(perDay)" }
        return nil
    }
}
