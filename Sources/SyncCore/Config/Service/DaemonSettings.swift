/// `daemon: {…}` in `channelsync.json5`: how the long-running service behaves.
/// Only `channelsync run` reads these; `once` and the ops CLI ignore them.
public struct DaemonSettings: Sendable, Hashable {
    /// Prometheus text file for node_exporter's textfile collector (must end in
    /// `.prom`); nil: no metrics file.
    public var metricsFile: String?
    /// How long SIGTERM waits for in-flight batches to commit before giving up.
    public var stopTimeout: Duration
    /// A cycle that reports no page for this long counts as wedged: watchdog pings stop.
    public var stallTimeout: Duration
    /// How often a long cycle logs its progress and refreshes `STATUS=`.
    public var progressInterval: Duration
    /// Consecutive failed cycles against a remote that open its circuit breaker.
    public var failureThreshold: Int
    /// How long an open circuit leaves the remote alone the first time (doubles per failed probe).
    public var cooldown: Duration
    public var maxCooldown: Duration

    public init(metricsFile: String? = nil, stopTimeout: Duration = .seconds(30), stallTimeout: Duration = .seconds(600),
                progressInterval: Duration = .seconds(15), failureThreshold: Int = 5,
                cooldown: Duration = .seconds(60), maxCooldown: Duration = .seconds(3600)) {
        self.metricsFile = metricsFile
        self.stopTimeout = stopTimeout
        self.stallTimeout = stallTimeout
        self.progressInterval = progressInterval
        self.failureThreshold = failureThreshold
        self.cooldown = cooldown
        self.maxCooldown = maxCooldown
    }
}
