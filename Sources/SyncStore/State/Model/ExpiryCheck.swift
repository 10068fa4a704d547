/// How far the registration-expiry check got: every active link was checked on `day`
/// (UTC, `YYYY-MM-DD`) except those in `recheck`, which that cycle changed after reading
/// them. Protection ends on a date, so until the day changes only those can become due.
public struct ExpiryCheck: Sendable, Hashable {
    public var day: String
    public var recheck: Set<String>
    /// The status and date fields it checked: a reload that names others starts over.
    public var fields: String

    public init(day: String, recheck: Set<String>, fields: String) {
        self.day = day
        self.recheck = recheck
        self.fields = fields
    }
}
