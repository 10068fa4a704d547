import SyncCore
@testable import SyncDaemon

/// A runtime wired to test doubles: a fake notify socket, hand-delivered
/// signals, captured logs, a temp state directory. `Config` is a plain string
/// so tests can see which config a cycle ran with.
struct RuntimeHarness {
    let socket: FakeNotifySocket
    let signals = ManualSignals()
    let capture: LogCapture
    let stateDirectory: String
    let config: Shared<Result<String, DaemonError>>

    /// `markers`: log messages that, when logged, also put `STATUS=<message>` into the
    /// notify socket's sequence, so a test can tell which notifications came before them.
    init(abstractSocket: Bool = false, config: String = "v1", markers: Set<String> = []) throws {
        let socket = try FakeNotifySocket(abstract: abstractSocket)
        self.socket = socket
        capture = LogCapture { event in
            if markers.contains(event.message) { try? socket.mark(event.message) }
        }
        stateDirectory = try TemporaryDirectory.make()
        self.config = Shared(.success(config))
    }

    static func settings(interval: Duration = .milliseconds(20), remotes: [String] = ["crm", "prm"],
                         mappings: [String] = ["deals"], stopTimeout: Duration = .seconds(20),
                         stallTimeout: Duration = .seconds(600), circuit: CircuitPolicy = CircuitPolicy(),
                         progressInterval: Duration = .seconds(15), metricsFile: String? = nil) -> RuntimeSettings {
        RuntimeSettings(schedules: mappings.map { MappingSchedule(mapping: $0, interval: interval, remotes: remotes) },
                        circuit: circuit, stopTimeout: stopTimeout, stallTimeout: stallTimeout,
                        progressInterval: progressInterval, metricsFile: metricsFile)
    }

    func runtime(settings: RuntimeSettings = settings(), watchdog: Duration? = nil, redactor: LogRedactor = LogRedactor(),
                 cycle: @escaping DaemonRuntime<String>.Cycle) throws -> DaemonRuntime<String> {
        let environment = RuntimeEnvironment(
            logger: capture.logger(level: .debug, redactor: redactor),
            notifier: try Notifier(environment: socket.environment), watchdogInterval: watchdog,
            signals: signals, random: JitterRandom { 0 }, stateDirectory: stateDirectory,
            build: BuildInfo(version: "test"))
        let loader: DaemonRuntime<String>.Loader = { [config] in
            LoadedConfig(config: try config.get.get(), settings: settings)
        }
        let initial = LoadedConfig(config: try config.get.get(), settings: settings)
        return DaemonRuntime(initial: initial, environment: environment, loader: loader, cycle: cycle)
    }
}
