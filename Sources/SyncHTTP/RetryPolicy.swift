/// When and how long to wait before repeating a failed request.
///
/// Retryable: DNS, connect and TLS-handshake failures, timeouts, broken connections (a stale
/// keep-alive connection shows up as a send/receive error or an empty reply), and the
/// statuses in `retryableStatuses`. Never retried: other 4xx, certificate failures, an
/// oversized response. Between attempts the client waits `Retry-After` when the server sent
/// one, else full-jitter backoff: `random(0, min(maxDelay, baseDelay · 2^n))` for the n-th
/// retry (n from 0), which spreads a fleet's retries instead of synchronising them.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in total, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var baseDelay: Duration
    /// The backoff cap.
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is not waited out: the request fails at once with the
    /// delay in `HTTPFailure.retryAfter`, so the caller can reschedule instead of blocking.
    public var maxRetryAfter: Duration
    public var retryableStatuses: Set<Int>

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(120),
        retryableStatuses: Set<Int> = RetryPolicy.defaultRetryableStatuses
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
    }

    public static let defaultRetryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]
    public static let standard = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The upper bound of the n-th retry's delay: `min(maxDelay, baseDelay · 2^n)`.
    public func backoffBound(retry n: Int) -> Duration {
        let exponent = min(max(n, 0), 62)
        let bound = baseDelay.inSeconds * Double(UInt64(1) << UInt64(exponent))
        return bound >= maxDelay.inSeconds ? maxDelay : .seconds(bound)
    }

    /// The n-th retry's delay for a uniform `unitRandom` in [0, 1).
    public func backoff(retry n: Int, unitRandom: Double) -> Duration {
        let unit = min(max(unitRandom, 0), 1)
        return .seconds(backoffBound(retry: n).inSeconds * unit)
    }

    var problem: String? {
        if maxAttempts < 1 { return "retry.maxAttempts must be at least 1, got \(maxAttempts)" }
        if baseDelay < .zero || maxDelay < .zero || maxRetryAfter < .zero {
            return "retry delays must not be negative"
        }
        return nil
    }
}
