import Foundation
import Glibc
import Sandbox
import SyncCore
import SyncStore

/// `channelsync soak`: the crash soak. Hosts the sandbox CRM and partner portal (as
/// `demo` does, seeded with the same partner program), runs the real daemon
/// (`channelsync run`) on the demo's config as a child process, edits both systems at
/// random, and SIGKILLs the daemon at random moments — at random times, and the moment
/// the sandbox commits a write the daemon sent (so the outcome is never recorded) —
/// then restarts it. At the end one clean run until quiet, a SIGTERM, and the checks of
/// `SoakAudit` on the sandbox's own state and its write log against the journal.
struct SoakCommand: Command {
    static let path = ["soak"]
    static let summary = "Crash soak: SIGKILL and restart the daemon under random edits, then check both systems and the journal"
    static let help = """
    USAGE: channelsync soak [--minutes N] [--kills K] [--seed S] [--dir PATH]

    Starts the sandbox Salesforce and partner portal on loopback (seeded as in `demo`),
    writes the demo's config with a \(interval) schedule into DIR and runs
    `channelsync run` on it as a child process. A seeded generator edits, creates and
    deletes records on both systems and kills the daemon with SIGKILL: half the time
    after a random 0.15-2.15 s, half the time the moment the sandbox has committed a
    write the daemon sent, before its outcome is journaled. The daemon is restarted
    each time. At the end: a clean run until a cycle of every mapping writes nothing,
    SIGTERM, and the checks:
      - both systems agree on every mapped field of every linked record, and every
        record in scope is linked;
      - no duplicate creates (no external id held twice, no link created twice);
      - the journal accounts for every write the sandbox received (its write log);
      - no write is left without an outcome.
    Prints the figures (kills, cycles, edits, writes per system, records, seed).

    OPTIONS:
      --minutes N   Stop killing after N minutes (default 10)
      --kills K     Stop killing after K kills (default: no limit but --minutes)
      --seed S      The generator's seed (default: from the clock); printed, so a
                    failing run can be replayed (timing still varies)
      --dir PATH    Where config, credentials, state and daemon.log go (created, must be
                    empty). Default: a new $TMPDIR/channelsync-soak-XXXXXX
      -h, --help    Show this help

    EXIT CODES:
      0   every check passed
      1   a check failed, the daemon exited by itself or did not settle (stderr says why)
      64  usage error
    """

    /// The daemon's schedule: the shortest the config allows (a cycle also runs at every start).
    static let interval = "1s"
    /// How long the final clean run may take to settle.
    static let settleSeconds = 300

    let minutes: Int
    let killLimit: Int?
    let seed: UInt64?
    let directory: String?

    init(arguments: inout Arguments) throws(CLIError) {
        minutes = try arguments.intOption("--minutes", in: 1...1440) ?? 10
        killLimit = try arguments.intOption("--kills", in: 1...1_000_000)
        if let text = try arguments.option("--seed") {
            guard let value = UInt64(text) else { throw .usage("--seed takes a whole number from 0 to \(UInt64.max), not '\(text)'") }
            seed = value
        } else {
            seed = nil
        }
        directory = try arguments.option("--dir")
        if directory?.isEmpty == true { throw .usage("--dir needs a path") }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let started = Date()
        let seed = self.seed ?? UInt64(started.timeIntervalSince1970 * 1000)
        var environment = ProcessInfo.processInfo.environment
        for name in ["CREDENTIALS_DIRECTORY", "STATE_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS"] {
            environment[name] = nil
        }
        let directory = try DemoDirectory.create(option: self.directory, environment: environment, prefix: "channelsync-soak")
        let sandbox = SandboxEnvironment(configuration: SandboxConfiguration(), clock: .system)
        let server: SandboxServer
        do {
            _ = try sandbox.seedPartnerProgram()
            server = try SandboxServer(environment: sandbox)
        } catch {
            throw .failure(DemoError.sandbox("\(error)").description)
        }
        defer { server.stop() }
        try directory.writeConfig(salesforceURL: server.baseURL(.salesforce), portalURL: server.baseURL(.impartner),
                                  interval: Self.interval)
        let configuration = try ConfigurationLoading.loadForRunning(ConfigLocation(path: directory.configPath, source: .option))
        try directory.writeCredentials(try DemoCommand.secrets(for: configuration, sandbox: sandbox.salesforce.configuration,
                                                               portalKey: sandbox.impartner.configuration.apiKeys.first ?? ""))
        guard FileManager.default.createFile(atPath: directory.logPath, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw .failure("cannot create the daemon's log file \(directory.logPath)") }
        console.out("channelsync soak: seed \(seed), up to \(minutes) min\(killLimit.map { " or \($0) kills" } ?? ""), in \(directory.path)")

        var run = SoakRun(directory: directory, environment: environment, sandbox: sandbox, seed: seed, console: console)
        let outcome = Result { () throws(SoakError) -> SoakAudit.Figures in
            try run.killAndRestart(until: started.addingTimeInterval(Double(minutes * 60)), kills: killLimit)
            try run.settle(seconds: Self.settleSeconds, mappings: configuration.mappings.map(\.name))
            do {
                return try SoakAudit(configuration: configuration, sandbox: sandbox, databasePath: run.databasePath).run()
            } catch let error as SoakError {
                throw error
            } catch {
                throw .audit(["cannot read the state database \(run.databasePath): \(error)"])
            }
        }
        let report = SoakReport(seed: seed, seconds: Date().timeIntervalSince(started), run: run, sandbox: sandbox,
                                configuration: configuration, directory: directory.path)
        switch outcome {
        case let .success(figures):
            report.print(figures: figures, console: console)
            guard figures.problems.isEmpty else {
                let file = directory.path + "/problems.txt"
                let listed = FileManager.default.createFile(atPath: file, contents: Data(figures.problems.joined(separator: "\n").utf8))
                throw .failure(SoakError.audit(figures.problems).description
                               + (listed ? "\n(all \(figures.problems.count) in \(file))" : "\n(the full list could not be written to \(file))"))
            }
            return .success
        case let .failure(error):
            report.print(figures: nil, console: console)
            throw .failure(error.description + " (seed \(seed))")
        }
    }
}
