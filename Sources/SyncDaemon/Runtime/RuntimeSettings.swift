/// What the runtime needs from the config. The config loader builds it with
/// the config; a reload replaces it as a whole, between cycles.
public struct RuntimeSettings: Sendable, Hashable {
    /// One entry per mapping to run.
    public var schedules: [MappingSchedule]
    /// The circuit breaker policy for every remote.
    public var circuit: CircuitPolicy
    /// How long a stop waits for in-flight cycles before giving up on them.
    public var stopTimeout: Duration
    /// A running cycle that reports no page for this long counts as wedged:
    /// watchdog pings stop, so systemd restarts the service.
    public var stallTimeout: Duration
    /// How often a long cycle logs its progress (and refreshes `STATUS=`).
    public var progressInterval: Duration
    /// Where to write the Prometheus text file (must end in `.prom`); nil: no file.
    public var metricsFile: String?

    public init(schedules: [MappingSchedule], circuit: CircuitPolicy = CircuitPolicy(),
                stopTimeout: Duration = .seconds(30), stallTimeout: Duration = .seconds(600),
                progressInterval: Duration = .seconds(15), metricsFile: String? = nil) {
        self.schedules = schedules
        self.circuit = circuit
        self.stopTimeout = stopTimeout
        self.stallTimeout = stallTimeout
        self.progressInterval = progressInterval
        self.metricsFile = metricsFile
    }

    func schedule(for mapping: String) -> MappingSchedule? {
        schedules.first { $0.mapping == mapping }
    }
}
