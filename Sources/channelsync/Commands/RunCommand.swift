import Foundation
import Connectors
import SyncCore
import SyncDaemon
import SyncStore

/// `channelsync run`: the long-running daemon. Everything that can fail at start
/// (config, credentials, the state database and its pending writes) is done before
/// `READY=1`, so systemd sees a failed start instead of a service that is "up" but broken.
struct RunCommand: Command {
    static let path = ["run"]
    static let summary = "Run the sync daemon (systemd Type=notify): every mapping on its schedule"
    static let help = """
    USAGE: channelsync run [--config PATH]

    Loads and validates the config, reads every credential, opens and migrates the
    state database and settles writes a previous process left without an outcome;
    then tells systemd READY=1 and runs each mapping's cycle every schedule.interval
    (plus jitter) on its own queue. See systemd/README.md.

    SIGHUP (or `channelsync reload`): re-read and validate all config; applied between
    cycles, or rejected with every error logged while the old config keeps running.
    SIGTERM/SIGINT: no new cycle starts, the batch in flight commits, exit 0 within
    daemon.stopTimeout; a second signal exits at once (pending writes are settled on
    the next start).

    OPTIONS:
      --config PATH   The service config (channelsync.json5)
      -h, --help      Show this help

    CONFIG LOCATION:
    \(ConfigLocation.documentation)

    EXIT CODES:
      0   stopped by SIGTERM/SIGINT after in-flight work committed
      1   start-up failed (stderr says why) or the stop timed out
    """

    let configOption: String?

    init(arguments: inout Arguments) throws(CLIError) {
        configOption = try arguments.option("--config")
        if configOption?.isEmpty == true { throw .usage("--config needs a path") }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        // First: a SIGTERM from here on waits in the pipe, and stops the daemon right
        // after READY=1 instead of being lost or killing a half-started process.
        let signals: SignalPipe
        do {
            signals = try SignalPipe.install()
        } catch {
            throw .failure(error.description)
        }
        let environment = ProcessInfo.processInfo.environment
        let location = ConfigLocation.resolve(option: configOption)
        let configuration = try ConfigurationLoading.loadForRunning(location)
        let logger = Logger.standardError(level: .info, environment: environment)
        let stateDirectory: String
        do {
            stateDirectory = try StateDirectory.resolve(configured: configuration.service.stateDirectory(environment: environment),
                                                        environment: environment)
        } catch {
            throw .failure(error.description)
        }
        let credentials = CredentialStore(
            sources: CredentialSources(environment: environment, directory: configuration.service.credentialsDirectory),
            logger: logger)
        try Self.checkCredentials(configuration, credentials)
        let databasePath = stateDirectory + "/" + SyncState.fileName
        try Self.prepareState(at: databasePath)
        let vault = TokenVault(stateDirectory: stateDirectory, logger: logger)
        let requests = RequestTally()
        let runner = CycleRunner(databasePath: databasePath, requests: requests) { remotes in
            try ConnectorSet(remotes: remotes, credentials: credentials.connectorSource,
                             tokens: { vault.tokenStore(remote: $0.name, logger: logger) }, log: requests.log)
        }
        defer { runner.close() }
        let runtime = DaemonRuntime(
            initial: LoadedConfig(config: configuration, settings: Self.settings(configuration)),
            environment: .system(environment: environment, logger: logger, stateDirectory: stateDirectory,
                                 build: BuildInfo(version: CLI.version), signals: signals),
            loader: {
                switch ConfigurationLoading.load(path: location.path) {
                case let .success(reloaded): return LoadedConfig(config: reloaded, settings: Self.settings(reloaded))
                case let .failure(errors): throw DaemonError.configRejected(problems: errors.errors.map(\.description))
                }
            },
            cycle: { runner.run($0) })
        return runtime.run().exitCode == 0 ? .success : .failure
    }

    /// Every credential the remotes name must be readable now, not at the first cycle.
    private static func checkCredentials(_ configuration: Configuration, _ credentials: CredentialStore) throws(CLIError) {
        for remote in configuration.service.remotes {
            for name in remote.auth.credentials.values.sorted() {
                do {
                    _ = try credentials.read(name)
                } catch {
                    throw .failure("remote '\(remote.name)': \(error.description)")
                }
            }
        }
    }

    /// Creates or migrates the database and marks cycles a dead process left open; each
    /// mapping's first cycle then looks its own pending writes up before anything else.
    private static func prepareState(at path: String) throws(CLIError) {
        do {
            let state = try SyncState.open(path: path)
            defer { try? state.close() }
            try state.resolvePending(atStartUp: true) { _ in [:] }
        } catch {
            throw .failure("state database \(path): \(error)")
        }
    }

    static func settings(_ configuration: Configuration) -> RuntimeSettings {
        let schedule = configuration.service.schedule
        let daemon = configuration.service.daemon
        return RuntimeSettings(
            schedules: configuration.mappings.map {
                MappingSchedule(mapping: $0.name, interval: schedule.interval, jitter: schedule.jitter,
                                remotes: [$0.crm.remote, $0.prm.remote])
            },
            circuit: CircuitPolicy(failureThreshold: daemon.failureThreshold, cooldown: daemon.cooldown,
                                   maxCooldown: daemon.maxCooldown),
            stopTimeout: daemon.stopTimeout, stallTimeout: daemon.stallTimeout,
            progressInterval: daemon.progressInterval, metricsFile: daemon.metricsFile)
    }
}
