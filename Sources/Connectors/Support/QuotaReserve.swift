/// How much of a remote's daily allocation ChannelSync leaves to everyone else (the
/// vendor's UI, other integrations). Below it, a connector stops with
/// `ConnectorError.quotaExhausted` instead of spending the last calls of the org.
public struct QuotaReserve: Sendable, Hashable {
    /// Share of the limit kept back, 0 to 1.
    public var fraction: Double
    /// A reading older than this no longer stops requests: the next one is sent to learn
    /// the current usage (the allocation rolls over during the day).
    public var readingLifetimeMillis: Int64

    public init(fraction: Double = 0.05, readingLifetimeMillis: Int64 = 600_000) {
        self.fraction = min(max(fraction, 0), 1)
        self.readingLifetimeMillis = max(0, readingLifetimeMillis)
    }

    public static let standard = QuotaReserve()
    /// Spend the allocation to the last call (tests, dedicated integration users).
    public static let none = QuotaReserve(fraction: 0)

    /// The calls that must remain for another request to go out.
    public func reserved(of limit: Int) -> Int {
        Int((Double(limit) * fraction).rounded(.up))
    }
}
