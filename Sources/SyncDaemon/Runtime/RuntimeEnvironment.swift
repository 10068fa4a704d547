import Glibc
import SyncCore

/// The process-wide things the runtime uses, gathered so tests can replace
/// each: notify socket, watchdog interval, signals, clocks, randomness, and
/// where the control files go.
public struct RuntimeEnvironment: Sendable {
    public var logger: Logger
    public var notifier: Notifier
    /// Half of `$WATCHDOG_USEC`; nil: no watchdog pings.
    public var watchdogInterval: Duration?
    public var signals: any SignalSource
    public var clock: MonotonicClock
    public var wallClock: WallClock
    public var random: JitterRandom
    /// Where `channelsync.pid` and `reload.status` go; nil: no control files.
    public var stateDirectory: String?
    public var build: BuildInfo
    public var pid: Int32

    public init(logger: Logger, notifier: Notifier = .disabled, watchdogInterval: Duration? = nil,
                signals: any SignalSource, clock: MonotonicClock = .system, wallClock: WallClock = .system,
                random: JitterRandom = .system, stateDirectory: String? = nil, build: BuildInfo, pid: Int32 = getpid()) {
        self.logger = logger
        self.notifier = notifier
        self.watchdogInterval = watchdogInterval
        self.signals = signals
        self.clock = clock
        self.wallClock = wallClock
        self.random = random
        self.stateDirectory = stateDirectory
        self.build = build
        self.pid = pid
    }

    /// The real process: `$NOTIFY_SOCKET`, `$WATCHDOG_USEC`/`$WATCHDOG_PID`,
    /// SIGTERM/SIGINT/SIGHUP through the process's `SignalPipe` (pass the one installed
    /// at the start of the command so signals during start-up are kept; nil installs it
    /// now). An unusable variable is logged and its feature turned off rather than
    /// failing the start.
    public static func system(environment: [String: String], logger: Logger, stateDirectory: String,
                              build: BuildInfo, signals: (any SignalSource)? = nil) -> RuntimeEnvironment {
        let notifier: Notifier
        do {
            notifier = try Notifier(environment: environment)
        } catch {
            logger.warning("sd_notify disabled", ["reason": error.description])
            notifier = .disabled
        }
        var watchdog: Duration?
        do {
            watchdog = try WatchdogInterval.from(environment: environment, pid: getpid())
        } catch {
            logger.warning("watchdog disabled", ["reason": error.description])
        }
        var source = signals
        if source == nil {
            do {
                source = try SignalPipe.install()
            } catch {
                logger.error("signals not handled; stop the daemon with SIGKILL", ["reason": error.description])
            }
        }
        return RuntimeEnvironment(logger: logger, notifier: notifier, watchdogInterval: watchdog,
                                  signals: source ?? NoSignals(), stateDirectory: stateDirectory, build: build)
    }
}

/// No signal source: what is left when the signal pipe cannot be set up.
private struct NoSignals: SignalSource {
    func start(_ handler: @escaping @Sendable (ProcessSignal) -> Void) {}
    func cancel() {}
}
