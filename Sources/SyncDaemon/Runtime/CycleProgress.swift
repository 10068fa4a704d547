/// How far one running cycle has come. "Progress" means the cycle started or
/// reported a page done (pulled or written); the watchdog and the progress log
/// both read it.
public struct CycleProgress: Sendable, Hashable {
    public let startedAt: MonotonicInstant
    public private(set) var lastProgressAt: MonotonicInstant
    public private(set) var pages = 0
    public private(set) var records = 0
    private var lastReportAt: MonotonicInstant

    public init(startedAt: MonotonicInstant) {
        self.startedAt = startedAt
        self.lastProgressAt = startedAt
        self.lastReportAt = startedAt
    }

    public mutating func pageDone(records: Int, now: MonotonicInstant) {
        pages += 1
        self.records += max(0, records)
        lastProgressAt = max(lastProgressAt, now)
    }

    /// Records per second since the cycle started.
    public func rate(now: MonotonicInstant) -> Double {
        let elapsed = (now - startedAt).seconds
        return elapsed > 0 ? Double(records) / elapsed : 0
    }

    /// No start and no page within `stallTimeout`: the cycle counts as wedged.
    public func isStalled(now: MonotonicInstant, stallTimeout: Duration) -> Bool {
        now - lastProgressAt > stallTimeout
    }

    /// True at most once per `interval`: time to log progress and refresh the status.
    public mutating func reportDue(now: MonotonicInstant, interval: Duration) -> Bool {
        guard now - lastReportAt >= interval else { return false }
        lastReportAt = now
        return true
    }

    /// e.g. `"40 pages, 8000 records, 420.5 rec/s"`.
    public func summary(now: MonotonicInstant) -> String {
        let rate = (self.rate(now: now) * 10).rounded() / 10
        return "\(pages) page\(pages == 1 ? "" : "s"), \(records) record\(records == 1 ? "" : "s"), \(rate) rec/s"
    }
}
