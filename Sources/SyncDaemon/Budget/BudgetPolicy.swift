/// A remote's request rate: a steady rate plus a burst, shared by every mapping
/// that talks to the remote (the API's quota is per remote, not per mapping).
public struct BudgetPolicy: Sendable, Hashable {
    /// Sustained requests per second (greater than zero).
    public var requestsPerSecond: Double
    /// Requests that may go back to back after a quiet period (at least 1).
    public var burst: Int

    public init(requestsPerSecond: Double, burst: Int) {
        self.requestsPerSecond = requestsPerSecond.isFinite && requestsPerSecond > 0 ? requestsPerSecond : 1
        self.burst = max(1, burst)
    }
}
