import Foundation
import Glibc
import Sandbox
import SyncCore
import SyncDaemon
import SyncStore

/// `channelsync demo`: the whole product in one process and well under a minute. The
/// sandbox CRM (Salesforce) and PRM (Impartner-style portal) on loopback, seeded with
/// a partner program; the real daemon (`DaemonRuntime` + `CycleRunner`, wired as
/// `run` wires them) on the shipped config; a scripted story of user edits on both
/// sides; then a summary, a check that both systems agree, and the ops commands to
/// look at what happened.
struct DemoCommand: Command {
    static let path = ["demo"]
    static let summary = "Sync a seeded sandbox CRM and partner portal with the real daemon, with a story of edits"
    static let help = """
    USAGE: channelsync demo [--dir PATH] [--timeout SECONDS] [--keep-going]

    Starts the sandbox Salesforce and Impartner-style partner portal on loopback ports
    the kernel picks, seeds a partner program (8 partners, 300 opportunities, 300 leads,
    60 deal registrations; the same data on every run of a day), writes the shipped config
    pointed at it and runs the daemon on it, a cycle per mapping every second. Meanwhile
    users act in both systems: a sales rep changes a deal's stage and amount, a partner
    changes a registration; a partner registers a deal for a new customer and the vendor
    approves it in the CRM; another registers one for a customer with an open opportunity
    (marked duplicate by the channel-conflict check); a new lead is offered to a partner by
    territory and, after the clock is moved 49 hours ahead, re-offered when its 48-hour
    SLA runs out; both sides change the same amount (the mapping's conflict rule decides)
    and a lead is deleted. Each step waits until the daemon carried it to the other system.
    Prints a line per cycle that changed something, then a summary and the commands to
    inspect the journal. The daemon's own log goes to DIR/daemon.log.

    OPTIONS:
      --dir PATH          Where the config, credentials, state database and log go; it
                          is created and must be empty if it exists. Default: a new
                          $TMPDIR/channelsync-demo-XXXXXX (kept afterwards, for inspection)
      --timeout SECONDS   Give up (exit 1) if the story has not converged by then
                          (default: 90; the demo normally ends in under 40 s)
      --keep-going        After the story, keep the daemon and the sandbox running until
                          Ctrl-C (edit records through the sandbox admin endpoint, run
                          the ops commands), then print the summary
      -h, --help          Show this help

    Ctrl-C stops the daemon the way SIGTERM does (the batch in flight commits).

    EXIT CODES:
      0   the story converged: both systems agree on every mapped field of linked records
      1   a step did not converge in time, the systems disagree, the demo was interrupted,
          or the sandbox or daemon could not start (stderr says why)
      64  usage error
    """

    let directory: String?
    let timeout: Int
    let keepGoing: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        directory = try arguments.option("--dir")
        if directory?.isEmpty == true { throw .usage("--dir needs a path") }
        timeout = try arguments.intOption("--timeout", in: 10...3600) ?? 90
        keepGoing = arguments.flag("--keep-going")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let started = Date()
        // First, as in `run`: a Ctrl-C from here on waits in the pipe and stops the demo
        // cleanly once the daemon runs, instead of killing a half-seeded sandbox.
        let signals: SignalPipe
        do {
            signals = try SignalPipe.install()
        } catch {
            throw .failure(error.description)
        }
        var environment = ProcessInfo.processInfo.environment
        // The demo's own files, whatever the calling shell (or a systemd unit) says.
        for name in ["CREDENTIALS_DIRECTORY", "STATE_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[name] = nil
        }
        let directory = try DemoDirectory.create(option: self.directory, environment: environment)
        let clock = DemoClock()
        let sandbox = SandboxEnvironment(configuration: SandboxConfiguration(), clock: SandboxClock { clock.now() })
        let program: PartnerProgram
        let server: SandboxServer
        do {
            program = try sandbox.seedPartnerProgram()
            server = try SandboxServer(environment: sandbox)
        } catch {
            throw .failure(DemoError.sandbox("\(error)").description)
        }
        defer { server.stop() }
        try directory.writeConfig(salesforceURL: server.baseURL(.salesforce), portalURL: server.baseURL(.impartner))
        let configuration = try ConfigurationLoading.loadForRunning(ConfigLocation(path: directory.configPath, source: .option))
        try directory.writeCredentials(try Self.secrets(for: configuration, sandbox: sandbox.salesforce.configuration,
                                                        portalKey: sandbox.impartner.configuration.apiKeys.first ?? ""))
        let log = try DemoLog(path: directory.logPath)
        defer { log.close() }
        let logger = log.logger

        console.out("channelsync demo: the daemon syncing a sandbox Salesforce and partner portal, in \(directory.path)")
        console.out("  Salesforce   \(server.baseURL(.salesforce))  \(program.opportunities) opportunities (\(program.partnerOpportunities) partner deals), "
                    + "\(program.leads) leads (\(program.routedLeads) assigned to partners), \(program.partners.count) partner accounts")
        console.out("  Portal       \(server.baseURL(.impartner))  \(program.registrations) deal registrations "
                    + "(\(program.matchingRegistrations) for deals Salesforce already has, the rest new), "
                    + "\(program.acceptedLeads) leads partners accepted")
        console.out("  Daemon log   \(directory.logPath)")

        let progress = DemoProgress(console: console)
        let launch = try DaemonLaunch(configuration: configuration, environment: environment, logger: logger)
        let daemon = launch.daemon(
            environment: RuntimeEnvironment(logger: logger, signals: signals, stateDirectory: launch.stateDirectory,
                                            build: BuildInfo(version: CLI.version)),
            loader: DaemonLaunch.loader(path: directory.configPath, logger: logger),
            starting: { _ in progress.daemonRunning() },
            observe: { progress.observe($0) },
            finished: { progress.cycleFinished(mapping: $0, report: $1) },
            clock: { clock.now() })
        defer { daemon.runner.close() }

        let story = DemoStory(sandbox: sandbox, program: program, clock: clock, progress: progress,
                              databasePath: launch.databasePath,
                              deadline: started.addingTimeInterval(Double(timeout)), timeoutSeconds: timeout)
        let ending = DemoEnding()
        let storyDone = DispatchSemaphore(value: 0)
        let keepGoing = keepGoing, runtime = daemon.runtime, adminURL = server.adminURL
        Thread.detachNewThread {
            defer { storyDone.signal() }
            let result = Result { () throws(DemoError) -> DemoStory.Result in try story.run() }
            ending.story = result
            if case .success = result, keepGoing {
                progress.say("The story is over and both sides agree. The daemon and the sandbox keep running "
                             + "(sandbox admin: \(adminURL)); press Ctrl-C to stop.")
                return
            }
            runtime.stop()
        }
        let outcome = runtime.run()
        progress.cancel()
        storyDone.wait()
        progress.say(outcome.exitCode == 0 ? "Daemon stopped cleanly." : "Daemon stopped: \(outcome)")

        let report = DemoReport(configuration: configuration, directory: directory, databasePath: launch.databasePath,
                                sandbox: sandbox, tallies: progress.snapshot, binary: Self.binary)
        return report.print(story: ending.story ?? .failure(.interrupted), stoppedCleanly: outcome.exitCode == 0,
                            seconds: progress.elapsed, console: console)
    }

    /// The sandbox's demo secrets under the credential names the config's remotes use
    /// (`soak` writes the same).
    static func secrets(for configuration: Configuration, sandbox salesforce: SalesforceConfiguration,
                                portalKey: String) throws(CLIError) -> [String: String] {
        var secrets: [String: String] = [:]
        for remote in configuration.service.remotes {
            for (key, name) in remote.auth.credentials {
                switch (remote.dialect, key) {
                case (.salesforce, "clientId"): secrets[name] = salesforce.clientID
                case (.salesforce, "clientSecret"): secrets[name] = salesforce.clientSecret
                case (.impartner, "token"): secrets[name] = portalKey
                default:
                    throw .failure("the demo has no sandbox credential for '\(key)' of remote '\(remote.name)' (\(remote.dialect.rawValue))")
                }
            }
        }
        return secrets
    }

    /// How the user called this binary, for the commands printed at the end.
    private static var binary: String {
        let invoked = CommandLine.arguments.first ?? "channelsync"
        return invoked.contains("/") ? invoked : "channelsync"
    }
}
