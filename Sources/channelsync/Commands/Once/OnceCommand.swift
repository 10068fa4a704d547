import Foundation
import Connectors
import SyncCore
import SyncDaemon
import SyncStore

/// `channelsync once`: one sync cycle of every mapping (or the ones named), then exit.
struct OnceCommand: Command {
    static let path = ["once"]
    static let summary = "Run one sync cycle of each mapping and exit (--dry-run: show the plan, change nothing)"
    static let help = """
    USAGE: channelsync once [--config PATH] [--mapping NAME]... [--dry-run] [--full-scan] [--json]

    Runs one sync cycle per mapping, as the daemon would: settles writes a crash left
    without an outcome, pulls both sides since their cursors, reconciles, journals the
    plan, sends the writes in batches, records their outcomes and advances the cursors.
    Prints a summary per mapping: records pulled, created, updated and deleted per side,
    links, conflicts, failures and the API requests each remote was sent.

    Do not run it while the daemon runs for the same state directory.

    OPTIONS:
      --config PATH    The service config (channelsync.json5)
      --mapping NAME   Only this mapping (repeat for several); default: all
      --dry-run        Pull and reconcile, print the writes it would make with their
                       fields, and change nothing: no remote write, no cursor, no journal
                       (the cycle runs on a throwaway copy of the state)
      --full-scan      Read both sides completely instead of since the cursors: how hard
                       deletes are seen on APIs without a delete feed (the daemon does this
                       once a day by itself)
      --json           Print one JSON document on stdout instead of text
      -h, --help       Show this help

    CONFIG LOCATION:
    \(ConfigLocation.documentation)

    Credentials are read from $CREDENTIALS_DIRECTORY/NAME, else the config's
    credentialsDirectory; refreshed OAuth tokens are kept in <state>/tokens.

    EXIT CODES:
      0   every cycle finished (with --dry-run: nothing to change)
      1   a cycle failed, or the config, state or credentials are unusable (stderr says why)
      2   --dry-run found changes to make
      64  usage error
    """

    let configOption: String?
    let mappings: [String]
    let dryRun: Bool
    let fullScan: Bool
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        configOption = try arguments.option("--config")
        var names: [String] = []
        while let name = try arguments.option("--mapping") {
            guard !name.isEmpty else { throw .usage("--mapping needs a mapping name") }
            names.append(name)
        }
        mappings = names
        dryRun = arguments.flag("--dry-run")
        fullScan = arguments.flag("--full-scan")
        json = arguments.flag("--json")
        if configOption?.isEmpty == true { throw .usage("--config needs a path") }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try load()
        let selected = try select(from: configuration)
        let logger = Logger.standardError(level: .warning, environment: environment)
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
        let vault = TokenVault(stateDirectory: stateDirectory, logger: logger)
        let remotes = Set(selected.flatMap { [$0.crm.remote, $0.prm.remote] })
        let connectors: ConnectorSet
        do {
            connectors = try ConnectorSet(remotes: configuration.service.remotes, only: remotes,
                                          credentials: credentials.connectorSource,
                                          tokens: { vault.tokenStore(remote: $0.name, logger: logger) })
        } catch {
            throw .failure(error.description)
        }
        let path = stateDirectory + "/" + SyncState.fileName
        let outcomes = try dryRun ? runDry(selected, connectors: connectors, path: path, logger: logger)
                                  : runForReal(selected, connectors: connectors, path: path, logger: logger)
        return report(outcomes, console: console)
    }

    /// A mapping's summary, or why its cycle failed.
    typealias Outcome = (mapping: String, result: Result<CycleSummary, CycleError>)

    private func runForReal(_ mappings: [Mapping], connectors: ConnectorSet, path: String,
                            logger: Logger) throws(CLIError) -> [Outcome] {
        let state: SyncState
        do {
            state = try SyncState.open(path: path)
            // A previous process that died mid-cycle left its cycles running: mark them.
            // Its writes stay pending; each cycle below looks its own up first.
            try state.resolvePending(atStartUp: true) { _ in [:] }
        } catch {
            throw .failure("state database \(path): \(error)")
        }
        defer { try? state.close() }
        return mappings.map { mapping in (mapping.name, cycle(mapping, connectors: connectors, state: state, logger: logger)) }
    }

    private func runDry(_ mappings: [Mapping], connectors: ConnectorSet, path: String,
                        logger: Logger) throws(CLIError) -> [Outcome] {
        let copy: DryRunState
        do {
            copy = try DryRunState(copying: path)
        } catch {
            throw .failure(error.description)
        }
        defer { copy.discard() }
        return mappings.map { mapping in (mapping.name, cycle(mapping, connectors: connectors, state: copy.state, logger: logger)) }
    }

    private func cycle(_ mapping: Mapping, connectors: ConnectorSet, state: SyncState,
                       logger: Logger) -> Result<CycleSummary, CycleError> {
        do throws(CycleError) {
            let pair = try connectors.connectors(for: mapping)
            let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: state,
                                      settings: CycleSettings(dryRun: dryRun, fullScan: fullScan), logger: logger)
            return .success(try cycle.run())
        } catch {
            return .failure(error)
        }
    }

    private func report(_ outcomes: [Outcome], console: Console) -> ExitStatus {
        let failed = outcomes.contains { if case .failure = $0.result { true } else { false } }
        let changes = outcomes.contains { if case let .success(summary) = $0.result { summary.hasChanges } else { false } }
        if json {
            let entries: [JSONValue] = outcomes.map { outcome in
                switch outcome.result {
                case let .success(summary): summary.json
                case let .failure(error):
                    .object(["mapping": .string(outcome.mapping), "ok": .bool(false), "error": .string(error.description)])
                }
            }
            console.out(JSONFields.line(.object([
                "ok": .bool(!failed), "dryRun": .bool(dryRun), "hasChanges": .bool(changes), "mappings": .array(entries),
            ])))
        } else {
            for outcome in outcomes {
                switch outcome.result {
                case let .success(summary): summary.lines.forEach(console.out)
                case let .failure(error): console.err("\(outcome.mapping): cycle failed: \(error)")
                }
            }
        }
        if failed { return .failure }
        return dryRun && changes ? .changesPending : .success
    }

    private func load() throws(CLIError) -> Configuration {
        try ConfigurationLoading.loadForRunning(ConfigLocation.resolve(option: configOption))
    }

    private func select(from configuration: Configuration) throws(CLIError) -> [Mapping] {
        guard !mappings.isEmpty else { return configuration.mappings }
        return try mappings.map { name throws(CLIError) in
            guard let mapping = configuration.mapping(named: name) else {
                let known = configuration.mappings.map(\.name).joined(separator: ", ")
                throw .usage("no mapping named '\(name)'", hint: "the config has: \(known)")
            }
            return mapping
        }
    }
}
