import Foundation
import SyncCore

/// `channelsync bench SCENARIO`: the daemon against the in-process sandbox over loopback,
/// beside the two baselines of issue 8 (minimum API requests, raw transfer).
struct BenchScenarioCommand: Command {
    static let path = ["bench"]
    static let summary = "Benchmark a sync scenario (initial, steady, idle, fullscan) against the sandbox"
    static let help = """
    USAGE: channelsync bench SCENARIO [--records N] [--repeat N] [--direction to-prm|to-crm] [--json]
           channelsync bench reconcile|journal|lookup [options]   (component benchmarks)

    Runs the real daemon code — 'channelsync once' in a child process, so its CPU time and
    peak RSS are its own — against the sandbox, which this process serves on loopback with
    the scenario's data seeded in bulk (linked scenarios: links, shadows and cursors written
    straight into the state database). Prints the daemon's wall time, CPU time, peak RSS and
    API requests per remote, beside two baselines:
      minimum API requests  the pages and batches the APIs' own limits make unavoidable for
                            the data (Salesforce pages of 2,000 and batches of 200 plus one
                            token request, Impartner pages of 500 and one request per
                            written record, generic REST pages of 100)
      raw transfer          the very requests the daemon sent, replayed in this process
                            with the same HTTP client to the same data, doing nothing else

    SCENARIOS:
      initial    N opportunities and N leads on the CRM, an empty PRM: the first sync; then
                 the reverse direction (records on the PRM, an empty CRM)   (N = 100000)
      steady     N linked deals, 1% changed on each side, 0.1% on both (conflicts), one
                 cycle                                                       (N = 1000000)
      idle       N linked deals, nothing changed, one cycle                  (N = 1000000)
      fullscan   N deals linked between Salesforce and a generic REST API without a
                 modified-since filter (a complete scan each cycle), 1% changed on the
                 REST side                                                   (N = 200000)

    Targets (release build): requests <= 1.05 x minimum; idle: one pull request per side
    per mapping; wall <= 1.5 x raw transfer (initial, steady); peak RSS <= 150 MB (steady,
    idle); steady CPU <= 2 s.

    OPTIONS:
      --records N   Scale the scenario (default: the sizes above; 10 to 5000000)
      --repeat N    Run the daemon and the raw transfer N times on the data seeded once
                    (put back before each run), then print the medians and the spread:
                    on a shared machine one run's wall time can be a fifth off (1 to 20;
                    default 1)
      --direction to-prm|to-crm
                    initial only: run one direction (default: both, to-prm first)
      --json        Print one JSON object per run: scenario, run, records, wall_seconds,
                    cpu_seconds, peak_rss_bytes, api_requests, minimum_api_requests,
                    raw_transfer_seconds, requests_per_remote, minimum_per_remote,
                    request_ratio, wall_ratio, targets {name: bool}; with --repeat, also
                    repeat and repeats, and then one object of the medians with
                    statistic "median"
      -h, --help    Show this help

    EXIT CODES:
      0   measured (whether or not the targets are met)
      1   the benchmark could not run
      64  usage error
    """

    let scenario: BenchScenario
    let records: Int
    let legs: [BenchLeg]
    let repeats: Int
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        guard let name = arguments.positional() else {
            throw .usage("name a scenario", hint: BenchScenario.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let scenario = BenchScenario(rawValue: name) else {
            throw .usage("unknown scenario '\(name)'", hint: BenchScenario.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.scenario = scenario
        records = try arguments.intOption("--records", in: 10...5_000_000) ?? scenario.defaultRecords
        repeats = try arguments.intOption("--repeat", in: 1...20) ?? 1
        legs = try Self.legs(of: scenario, direction: try arguments.option("--direction"))
        json = arguments.flag("--json")
    }

    /// The scenario's legs, or the one `--direction` names (`initial` only).
    private static func legs(of scenario: BenchScenario, direction: String?) throws(CLIError) -> [BenchLeg] {
        guard let direction else { return scenario.legs }
        let hint = "to-prm (CRM records to an empty PRM) or to-crm (the reverse)"
        guard scenario == .initial else { throw .usage("--direction applies to the initial scenario only", hint: hint) }
        switch direction {
        case "to-prm": return [.initialToPRM]
        case "to-crm": return [.initialToCRM]
        default: throw .usage("unknown direction '\(direction)'", hint: hint)
        }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let executable: String
        do {
            executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        } catch {
            throw .failure("cannot find this executable to run the daemon's cycle: \(error)")
        }
        for leg in legs {
            let runs: [BenchFigures]
            do {
                runs = try BenchDirectory.with { directory in
                    try BenchLegRun(leg: leg, records: records, repeats: repeats, executable: executable,
                                    directory: directory, progress: { if !json { console.err($0) } }).run()
                }
            } catch {
                throw .failure("\(leg.rawValue): \(error)")
            }
            for report in BenchReport.reports(scenario: scenario, runs: runs) {
                if json { console.out(report.json) } else { report.lines.forEach(console.out) }
            }
        }
        return .success
    }
}
