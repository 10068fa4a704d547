/// The protection period an approval starts: the partner owns the customer until
/// `expires_at`. Dates come from the caller's clock (SyncCore reads none).
public struct ProtectionPeriod: Sendable, Hashable {
    /// Days from the decision to the expiry date (the last protected day).
    public var days: Int

    public init(days: Int) {
        self.days = days
    }

    static let millisPerDay: Int64 = 86_400_000

    /// The UTC calendar date of an instant (epoch milliseconds).
    public static func date(ofMillis millis: Int64) -> CalendarDate? {
        let day = millis >= 0 ? millis / millisPerDay : (millis - millisPerDay + 1) / millisPerDay
        return CalendarDate(daysSinceEpoch: Int(day))
    }

    /// The expiry date of a registration decided at `decidedAt` (epoch ms, UTC).
    public func expiry(decidedAt: Int64) -> CalendarDate? {
        guard let decided = Self.date(ofMillis: decidedAt) else { return nil }
        return CalendarDate(daysSinceEpoch: decided.daysSinceEpoch + days)
    }

    /// True once `now` is past the last protected day.
    public static func hasExpired(_ expiresOn: CalendarDate, now: Int64) -> Bool {
        guard let today = date(ofMillis: now) else { return false }
        return today > expiresOn
    }
}
