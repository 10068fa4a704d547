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
        UnsettledCreateCheck.log(configuration, to: logger)
        let launch = try DaemonLaunch(configuration: configuration, environment: environment, logger: logger)
        let daemon = launch.daemon(
            environment: .system(environment: environment, logger: logger, stateDirectory: launch.stateDirectory,
                                 build: BuildInfo(version: CLI.version), signals: signals),
            loader: DaemonLaunch.loader(path: location.path, logger: logger))
        defer { daemon.runner.close() }
        return daemon.runtime.run().exitCode == 0 ? .success : .failure
    }
}
