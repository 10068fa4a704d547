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
    /// SIGTERM/SIGINT/SIGHUP through Dispatch. An unusable variable is logged
    /// and its feature turned off rather than failing the start.
    public static func system(environment: [String: String], logger: Logger, stateDirectory: String,
                              build: BuildInfo) -> RuntimeEnvironment {
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
        return RuntimeEnvironment(logger: logger, notifier: notifier, watchdogInterval: watchdog,
                                  signals: DispatchSignalSource(), stateDirectory: stateDirectory, build: build)
    }
}
