/// Everything the metrics file shows, as one value: the runtime folds each
/// cycle's `CycleReport` into it and renders it after every cycle, so the file
/// is always a consistent picture.
public struct MetricsSnapshot: Sendable, Hashable {
    public var build: BuildInfo
    public var mappings: [String: MappingMetrics] = [:]
    public var remotes: [String: RemoteMetrics] = [:]

    public init(build: BuildInfo) { self.build = build }

    /// Adds one finished cycle: counters grow by the report's counts, gauges
    /// take the report's values where it has them.
    public mutating func record(_ report: CycleReport, mapping: String, finishedAt: Double, duration: Duration) {
        var metrics = mappings[mapping] ?? MappingMetrics()
        metrics.lastCycleDuration = duration.seconds
        let result = report.failure == nil ? "success" : "failure"
        metrics.cycles[result, default: 0] += 1
        if report.failure == nil { metrics.lastSuccessTime = finishedAt }
        for (key, count) in report.records { metrics.records[key, default: 0] += count }
        if let value = report.pendingIntents { metrics.pendingIntents = value }
        if let value = report.openConflicts { metrics.openConflicts = value }
        if let value = report.deadLetters { metrics.deadLetters = value }
        mappings[mapping] = metrics

        for (remote, statuses) in report.requests {
            for (status, count) in statuses { remotes[remote, default: RemoteMetrics()].requests[status, default: 0] += count }
        }
        for (remote, count) in report.throttled { remotes[remote, default: RemoteMetrics()].throttled += count }
        for (remote, value) in report.quotaRemaining { remotes[remote, default: RemoteMetrics()].quotaRemaining = value }
    }

    /// Counts a cycle that did not run because a remote's circuit was open.
    public mutating func recordSkip(mapping: String) {
        mappings[mapping, default: MappingMetrics()].cycles["skipped", default: 0] += 1
    }

    public mutating func setCircuit(_ kind: CircuitState.Kind, remote: String) {
        remotes[remote, default: RemoteMetrics()].circuit = kind
    }
}
