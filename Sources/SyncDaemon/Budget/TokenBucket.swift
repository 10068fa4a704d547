/// The pure token bucket behind `RequestBudget`: `burst` tokens at most,
/// refilled at `requestsPerSecond`. Time comes in as an argument.
struct TokenBucket: Sendable, Hashable {
    private(set) var policy: BudgetPolicy
    private(set) var tokens: Double
    private var updated: MonotonicInstant?

    init(policy: BudgetPolicy) {
        self.policy = policy
        self.tokens = Double(policy.burst)
    }

    /// Takes one token and returns `.zero`, or takes nothing and returns how
    /// long until a token will be there.
    mutating func take(now: MonotonicInstant) -> Duration {
        refill(now: now)
        if tokens >= 1 {
            tokens -= 1
            return .zero
        }
        return .clampedSeconds((1 - tokens) / policy.requestsPerSecond)
    }

    /// Keeps the tokens already earned (capped by the new burst).
    mutating func update(policy: BudgetPolicy, now: MonotonicInstant) {
        refill(now: now)
        self.policy = policy
        tokens = min(tokens, Double(policy.burst))
    }

    private mutating func refill(now: MonotonicInstant) {
        if let updated, now > updated {
            tokens = min(Double(policy.burst), tokens + (now - updated).seconds * policy.requestsPerSecond)
        }
        if updated.map({ now > $0 }) ?? true { updated = now }
    }
}
