import Dispatch
import Synchronization
import SyncCore

/// The daemon: runs each mapping's sync cycle on its own serial queue and
/// timer, talks to systemd (READY, STATUS, WATCHDOG, RELOADING, STOPPING),
/// reloads on SIGHUP, stops cleanly on SIGTERM/SIGINT, trips a circuit breaker
/// per remote and writes the metrics file after every cycle.
///
/// The sync cycle itself is injected: `cycle` gets a `CycleContext` and returns
/// a `CycleReport`; `loader` re-reads and validates the config on reload.
/// Construct the runtime only once the config is valid, credentials are read
/// and the database is open and migrated: `run()` announces `READY=1` at once.
public final class DaemonRuntime<Config: Sendable>: Sendable {
    public typealias Cycle = @Sendable (CycleContext<Config>) throws -> CycleReport
    public typealias Loader = @Sendable () throws -> LoadedConfig<Config>

    let environment: RuntimeEnvironment
    let loader: Loader
    let cycle: Cycle
    let state: Mutex<RuntimeState<Config>>
    let scheduler: CycleScheduler
    let control = DispatchQueue(label: "channelsync.control")
    let metricsQueue = DispatchQueue(label: "channelsync.metrics")
    let inFlight = DispatchGroup()
    let finished = DispatchSemaphore(value: 0)
    let controlFiles: ControlFiles?
    // `nonisolated(unsafe)`: a libdispatch timer is thread-safe but not marked
    // Sendable; created in init, only activated and cancelled afterwards.
    nonisolated(unsafe) let watchdogTimer: DispatchSourceTimer

    var logger: Logger { environment.logger }

    public init(initial: LoadedConfig<Config>, environment: RuntimeEnvironment,
                loader: @escaping Loader, cycle: @escaping Cycle) {
        self.environment = environment
        self.loader = loader
        self.cycle = cycle
        self.state = Mutex(RuntimeState(current: initial, build: environment.build))
        self.scheduler = CycleScheduler(random: environment.random)
        self.controlFiles = environment.stateDirectory.map { ControlFiles(stateDirectory: $0) }
        self.watchdogTimer = DispatchSource.makeTimerSource(queue: control)
        // Active from the start (it has no deadline until `startWatchdog`): libdispatch
        // traps when an inactive source is released, e.g. a runtime never run.
        watchdogTimer.activate()
    }

    /// Runs until stopped and returns how it ended; call it from the main
    /// thread of `channelsync run` and exit with `outcome.exitCode`.
    public func run() -> RunOutcome {
        let settings = state.withLock { state -> RuntimeSettings? in
            guard state.phase == .created else { return nil }
            state.phase = .running
            applyResources(state.current.settings, to: &state)
            return state.current.settings
        }
        guard let settings else { return .stopped }
        // Control files before delivery starts: a SIGHUP sent as soon as the pid file
        // exists must not have its reload status overwritten by the "started" one. The
        // signal source already holds signals (`SignalPipe` is installed before the
        // config is read), so nothing sent in between is lost or fatal.
        writeControlFilesAtStart()
        environment.signals.start { [weak self] signal in
            guard let self else { return }
            control.async { self.handle(signal) }
        }
        logger.info("daemon started", [
            "version": environment.build.version, "mappings": String(settings.schedules.count),
            "watchdog_s": environment.watchdogInterval.map { String($0.seconds * 2) } ?? "off",
            "notify": environment.notifier.isEnabled ? "on" : "off",
        ])
        // READY=1 goes first: nothing (no cycle STATUS, no ping) may reach systemd before it.
        notify([.ready, .status(statusText())])
        startWatchdog()
        scheduler.apply(settings.schedules) { [weak self] mapping in self?.runCycle(mapping) }
        finished.wait()
        return state.withLock { $0.outcome } ?? .stopped
    }

    /// Asks for a clean stop, as SIGTERM does; a second call aborts.
    public func stop() {
        control.async { self.requestStop(.terminate) }
    }

    private func handle(_ signal: ProcessSignal) {
        switch signal {
        case .terminate, .interrupt: requestStop(signal)
        case .hangup: _ = performReload()
        }
    }

    /// Sends to systemd. A failure is otherwise ignored (systemd may be gone) and
    /// logged once, not on every watchdog tick; recovery is logged too.
    func notify(_ states: [NotifyState]) {
        let failure: DaemonError?
        do {
            try environment.notifier.send(states)
            failure = nil
        } catch {
            failure = error
        }
        let changed = state.withLock { state -> Bool in
            defer { state.notifyFailing = failure != nil }
            return state.notifyFailing != (failure != nil)
        }
        guard changed else { return }
        if let failure {
            logger.warning("sd_notify failed; further failures are not logged", ["reason": failure.description])
        } else {
            logger.info("sd_notify works again")
        }
    }

    /// The `STATUS=` line, redacted like a log line (summaries may quote remote errors).
    func statusText() -> String {
        let now = environment.clock.now()
        let text = state.withLock { state in
            StatusLine.render(mappings: state.current.settings.schedules.map(\.mapping), running: state.running,
                              summaries: state.summaries, reloadProblems: state.reloadProblems,
                              stopping: state.phase == .stopping, now: now)
        }
        return logger.redactor.redact(text: text)
    }

    /// Creates or updates the breakers `settings` asks for; breakers keep their
    /// state across reloads. (Request budgets live in each remote's `HTTPClient`,
    /// which every mapping using the remote shares.)
    func applyResources(_ settings: RuntimeSettings, to state: inout RuntimeState<Config>) {
        let remotes = Set(settings.schedules.flatMap(\.remotes))
        for remote in remotes {
            if state.breakers[remote] == nil {
                state.breakers[remote] = CircuitBreaker(remote: remote, policy: settings.circuit)
            } else {
                state.breakers[remote]?.policy = settings.circuit
            }
            state.metrics.setCircuit(state.breakers[remote]?.state.kind ?? .closed, remote: remote)
        }
        // Remotes and mappings no longer configured leave the metrics file too.
        for remote in state.breakers.keys where !remotes.contains(remote) {
            state.breakers[remote] = nil
            state.metrics.remotes[remote] = nil
        }
        let mappings = Set(settings.schedules.map(\.mapping))
        for mapping in state.metrics.mappings.keys where !mappings.contains(mapping) {
            state.metrics.mappings[mapping] = nil
            state.summaries[mapping] = nil
        }
    }
}
