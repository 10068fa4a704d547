/// API calls one cycle made to one remote, and the quota the remote last reported.
/// (The store's copy of the connector's usage figures.)
public struct RemoteUsage: Sendable, Hashable {
    /// The remote's name in the config.
    public var remote: String
    public var requests: Int
    public var throttled: Int
    public var quotaUsed: Int?
    public var quotaLimit: Int?

    public init(remote: String, requests: Int, throttled: Int = 0, quotaUsed: Int? = nil, quotaLimit: Int? = nil) {
        self.remote = remote
        self.requests = requests
        self.throttled = throttled
        self.quotaUsed = quotaUsed
        self.quotaLimit = quotaLimit
    }

    public var quotaRemaining: Int? {
        guard let quotaUsed, let quotaLimit else { return nil }
        return max(0, quotaLimit - quotaUsed)
    }
}
