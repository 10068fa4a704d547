/// What the sync cycle tells the runtime when it returns: counts for the
/// metrics, how each remote behaved (for the circuit breakers) and a one-line
/// summary for `STATUS=`. Counts are for this cycle only; the runtime sums them.
public struct CycleReport: Sendable, Hashable {
    /// Nil when the cycle succeeded; otherwise what went wrong, for the log.
    public var failure: String?
    /// Records synced in this cycle by direction, operation and result.
    public var records: [RecordOutcomeKey: Int]
    /// Requests made in this cycle: remote → HTTP status (or `"error"`) → count.
    public var requests: [String: [String: Int]]
    /// Throttled requests in this cycle, per remote.
    public var throttled: [String: Int]
    /// Quota left as each remote last reported it.
    public var quotaRemaining: [String: Int]
    /// Gauges from the journal after the cycle; nil leaves the previous value.
    public var pendingIntents: Int?
    public var openConflicts: Int?
    public var deadLetters: Int?
    /// Per remote contacted: reached or failed. Remotes not listed are left as they are.
    public var remotes: [String: RemoteOutcome]
    /// A short summary for status and logs, e.g. `"12 updated, 1 conflict"`.
    public var summary: String?
    /// With a failure: a few words for `STATUS=` when the failure text would be cut before
    /// it says what is wrong (e.g. `"disk full: /var/lib/channelsync/channelsync.sqlite, 0 MiB free"`).
    public var failureSummary: String?
    /// Elapsed milliseconds of the cycle's pull phase and of its reconcile-and-send phase
    /// (`CycleSummary.pullMillis`, `reconcileMillis`), for the "cycle finished" log line.
    public var pullMillis: Int64 = 0
    public var reconcileMillis: Int64 = 0

    public init(failure: String? = nil, records: [RecordOutcomeKey: Int] = [:], requests: [String: [String: Int]] = [:],
                throttled: [String: Int] = [:], quotaRemaining: [String: Int] = [:], pendingIntents: Int? = nil,
                openConflicts: Int? = nil, deadLetters: Int? = nil, remotes: [String: RemoteOutcome] = [:],
                summary: String? = nil, failureSummary: String? = nil) {
        self.failure = failure
        self.records = records
        self.requests = requests
        self.throttled = throttled
        self.quotaRemaining = quotaRemaining
        self.pendingIntents = pendingIntents
        self.openConflicts = openConflicts
        self.deadLetters = deadLetters
        self.remotes = remotes
        self.summary = summary
        self.failureSummary = failureSummary
    }

    /// All records counted in this report.
    public var recordCount: Int { records.values.reduce(0, +) }
}
