/// A remote's report of its request allocation, from a response header
/// (`Sforce-Limit-Info: api-usage=USED/MAX`, `X-HubSpot-RateLimit-Daily[-Remaining]`).
public struct QuotaReading: Sendable, Hashable {
    public var used: Int
    public var limit: Int

    public init(used: Int, limit: Int) {
        self.used = used
        self.limit = limit
    }

    public var remaining: Int { max(0, limit - used) }
}
