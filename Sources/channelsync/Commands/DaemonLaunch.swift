import Connectors
import SyncCore
import SyncDaemon
import SyncStore

/// What `run` and `demo` share: everything that must work before the daemon says
/// READY (state directory, every credential, the database migrated and its pending
/// writes settled), then the daemon wired from it: one `CycleRunner` on the state
/// database and the connectors of the config's remotes, driven by a `DaemonRuntime`.
struct DaemonLaunch {
    let configuration: Configuration
    let stateDirectory: String
    let credentials: CredentialStore
    let logger: Logger

    /// - Parameter environment: the process environment (`$STATE_DIRECTORY`,
    ///   `$CREDENTIALS_DIRECTORY` and the config's directories are resolved from it).
    init(configuration: Configuration, environment: [String: String], logger: Logger) throws(CLIError) {
        self.configuration = configuration
        self.logger = logger
        do {
            stateDirectory = try StateDirectory.resolve(configured: configuration.service.stateDirectory(environment: environment),
                                                        environment: environment)
        } catch {
            throw .failure(error.description)
        }
        credentials = CredentialStore(
            sources: CredentialSources(environment: environment, directory: configuration.service.credentialsDirectory),
            logger: logger)
        try Self.checkCredentials(configuration, credentials)
        try Self.prepareState(at: databasePath)
    }

    var databasePath: String { stateDirectory + "/" + SyncState.fileName }

    /// The runtime and its cycle runner (close the runner after `run()` returns).
    /// `starting` is called as each cycle starts (the runtime handles signals by then),
    /// `observe` sees the summary of every cycle that ran to its end, `finished` the
    /// report of every cycle (failed ones too), all on the mapping's queue, before the
    /// mapping's next cycle can start. `clock` is the cycles' wall clock (the demo's can
    /// be moved ahead).
    func daemon(environment: RuntimeEnvironment, loader: @escaping DaemonRuntime<Configuration>.Loader,
                starting: @escaping @Sendable (_ mapping: String) -> Void = { _ in },
                observe: @escaping @Sendable (CycleSummary) -> Void = { _ in },
                finished: @escaping @Sendable (_ mapping: String, _ report: CycleReport) -> Void = { _, _ in },
                clock: @escaping @Sendable () -> Int64 = SyncState.systemMillis)
        -> (runtime: DaemonRuntime<Configuration>, runner: CycleRunner) {
        let vault = TokenVault(stateDirectory: stateDirectory, logger: logger)
        let credentials = credentials, logger = logger
        let requests = RequestTally()
        let runner = CycleRunner(databasePath: databasePath, requests: requests, connectors: { remotes in
            try ConnectorSet(remotes: remotes, credentials: credentials.connectorSource,
                             tokens: { vault.tokenStore(remote: $0.name, logger: logger) }, log: requests.log)
        }, observe: observe, clock: clock)
        let runtime = DaemonRuntime(
            initial: LoadedConfig(config: configuration, settings: Self.settings(configuration)),
            environment: environment, loader: loader,
            cycle: { context in
                starting(context.mapping)
                let report = runner.run(context)
                finished(context.mapping, report)
                return report
            })
        return (runtime, runner)
    }

    /// Re-reads and validates the config at `path` (SIGHUP, `channelsync reload`); logs
    /// the warnings `config check` would print about the new config.
    static func loader(path: String, logger: Logger) -> DaemonRuntime<Configuration>.Loader {
        {
            switch ConfigurationLoading.load(path: path) {
            case let .success(reloaded):
                UnsettledCreateCheck.log(reloaded, to: logger)
                return LoadedConfig(config: reloaded, settings: settings(reloaded))
            case let .failure(errors): throw DaemonError.configRejected(problems: errors.errors.map(\.description))
            }
        }
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
