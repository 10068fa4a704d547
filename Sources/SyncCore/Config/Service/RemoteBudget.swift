/// How fast one remote may be called: a token bucket refilled at `perSecond` up to
/// `burst`, and an optional daily cap. API quotas are the real bottleneck, so the
/// budget is per remote, shared by every mapping that uses it.
public struct RemoteBudget: Sendable, Hashable {
    public var perSecond: Double
    public var burst: Int
    /// Requests per UTC day; nil: no cap beyond the remote's own.
    public var perDay: Int?

    public init(perSecond: Double = 5, burst: Int = 10, perDay: Int? = nil) {
        self.perSecond = perSecond
        self.burst = burst
        self.perDay = perDay
    }
}
