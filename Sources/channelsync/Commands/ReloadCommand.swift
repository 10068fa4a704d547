import Foundation
import SyncCore
import SyncDaemon

/// `channelsync reload [--wait]`: asks the running daemon to re-read its config
/// (SIGHUP) and, with `--wait`, reports whether it was applied. `ExecReload=` uses
/// it, so `systemctl reload` fails when the new config is rejected.
struct ReloadCommand: Command {
    static let path = ["reload"]
    static let summary = "Make the running daemon re-read its config (SIGHUP); --wait reports the outcome"
    static let help = """
    USAGE: channelsync reload [--wait] [--timeout DURATION] [--state-dir DIR | --config PATH]

    Sends SIGHUP to the running daemon. The daemon re-reads and validates every
    config file; if all is valid the new config is used from each mapping's next
    cycle, otherwise the old config keeps running and every error is logged.

    The daemon is found through $MAINPID (set by systemd for ExecReload=), else the
    pid file channelsync.pid in the state directory. The state directory is, in
    order: --state-dir; $STATE_DIRECTORY (systemd StateDirectory=); the
    stateDirectory of the service config (--config, resolved as for `config check`).

    OPTIONS:
      --wait               Wait until the daemon applied or rejected the config; print
                           the outcome and, when rejected, each problem
      --timeout DURATION   How long --wait waits (default 60s), e.g. 30s, 2m
      --state-dir DIR      The daemon's state directory
      --config PATH        The service config, to find the state directory
      -h, --help           Show this help

    EXIT CODES:
      0   signal sent (with --wait: the new config was applied)
      1   no daemon found, or (with --wait) the config was rejected or no answer came in time
      64  usage error
    """

    let wait: Bool
    let timeout: Duration
    let stateDirectory: String?
    let configOption: String?

    init(arguments: inout Arguments) throws(CLIError) {
        wait = arguments.flag("--wait")
        stateDirectory = try arguments.option("--state-dir")
        configOption = try arguments.option("--config")
        if let text = try arguments.option("--timeout") {
            guard let duration = DurationText.parse(text), duration > .zero else {
                throw .usage("--timeout takes a duration such as 30s or 2m, not '\(text)'")
            }
            timeout = duration
        } else {
            timeout = .seconds(60)
        }
        if stateDirectory != nil, configOption != nil { throw .usage("give --state-dir or --config, not both") }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        let directory = try StateDirectoryOption.resolve(explicit: stateDirectory, configOption: configOption, environment: environment)
        let request = ReloadRequest(stateDirectory: directory, mainPID: ReloadRequest.mainPID(environment: environment), timeout: timeout)
        let outcome: ReloadOutcome?
        do {
            outcome = try request.send(wait: wait)
        } catch {
            throw .failure(error.description)
        }
        switch outcome {
        case nil:
            console.out("reload requested")
            return .success
        case let .applied(generation)?:
            console.out("reload applied (generation \(generation))")
            return .success
        case let .rejected(generation, problems)?:
            console.err("reload rejected (generation \(generation)); the previous config keeps running:")
            for problem in problems { console.err("  \(problem)") }
            return .failure
        case .ignored?:
            console.err("reload ignored: the daemon is stopping")
            return .failure
        }
    }
}
