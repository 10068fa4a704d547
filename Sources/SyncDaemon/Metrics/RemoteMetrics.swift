/// The exported numbers of one remote API, summed over the mappings using it.
public struct RemoteMetrics: Sendable, Hashable {
    /// Requests by HTTP status (`"200"`, `"429"`) or `"error"` when no response came.
    public var requests: [String: Int] = [:]
    /// Requests the remote throttled (429, or its own "limit exceeded" answer).
    public var throttled: Int = 0
    /// API quota left, as the remote last reported it.
    public var quotaRemaining: Int?
    /// The remote's circuit breaker state.
    public var circuit: CircuitState.Kind = .closed

    public init() {}
}
