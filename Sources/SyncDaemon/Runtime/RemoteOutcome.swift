/// How a remote behaved during a cycle, which drives its circuit breaker.
public enum RemoteOutcome: Sendable, Hashable {
    /// The remote answered (any HTTP answer that is not a server or transport failure).
    case reached
    /// The remote failed after the HTTP layer's retries: transport error, timeout, 5xx.
    case failed(reason: String)
}
