/// All mutable state of a `DaemonRuntime`, kept behind one `Mutex`.
struct RuntimeState<Config: Sendable>: Sendable {
    var current: LoadedConfig<Config>
    var phase: RuntimePhase = .created
    /// Reload attempts so far (0 at start).
    var generation = 0
    /// The problems of the last rejected reload, shown in `STATUS=` until a reload succeeds.
    var reloadProblems: [String] = []
    /// Cycles running now, by mapping.
    var running: [String: CycleProgress] = [:]
    /// The last finished (or skipped) cycle of each mapping, in a few words.
    var summaries: [String: String] = [:]
    var breakers: [String: CircuitBreaker] = [:]
    var metrics: MetricsSnapshot
    var cycles = 0
    var outcome: RunOutcome?
    /// Mappings the watchdog last found stalled, so the warning is logged on change only.
    var stalled: [String] = []
    /// The last sd_notify send failed (logged once per change).
    var notifyFailing = false

    init(current: LoadedConfig<Config>, build: BuildInfo) {
        self.current = current
        self.metrics = MetricsSnapshot(build: build)
    }
}
