import Foundation
import SyncCore
import SyncStore

/// `channelsync bench journal`: journal append throughput with the real write protocol.
struct BenchJournalCommand: Command {
    static let path = ["bench", "journal"]
    static let summary = "Benchmark journal appends through the real write protocol (target 50,000 rows/s)"
    static let help = """
    USAGE: channelsync bench journal [--rows N] [--batch B] [--json]

    Measures how fast the write protocol journals, in a fresh database in a temporary
    directory (removed afterwards), with the daemon's settings (WAL, synchronous=FULL):
    for each batch of B writes, one transaction commits the intents (a writes row and a
    pending journal row each) and, after the "remote write", one transaction commits
    the outcomes (an outcome row each, plus the pair's shadow). Links exist
    beforehand, as in a steady state. Build with 'swift build -c release' for figures.

    OPTIONS:
      --rows N      Journal rows to append, intents plus outcomes (default 200000,
                    2 to 100000000)
      --batch B     Writes per transaction (default 200, Salesforce's batch size; 1 to 100000)
      --json        Print {"rows": N, "writes": N, "batch": N, "transactions": N,
                    "seconds": X, "cpuSeconds": X, "rowsPerCPUSecond": X, "rowsPerSecond": X, "writesPerSecond": X,
                    "targetRowsPerSecond": 50000, "meetsTarget": BOOL, "databaseBytes": N}
      -h, --help    Show this help

    EXIT CODES:
      0   measured (whether or not the target is met)
      1   the benchmark could not run
      64  usage error
    """

    static let target = 50_000.0

    let rows: Int
    let batch: Int
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        rows = try arguments.intOption("--rows", in: 2...100_000_000) ?? 200_000
        batch = try arguments.intOption("--batch", in: 1...100_000) ?? 200
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        do {
            return try BenchDirectory.with { directory in try measure(in: directory, console: console) }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failure("benchmark failed: \(error)")
        }
    }

    private func measure(in directory: String, console: Console) throws -> ExitStatus {
        let path = directory + "/" + SyncState.fileName
        let state = try SyncState.open(path: path)
        defer { try? state.close() }
        let writes = rows / 2
        let linkCount = min(writes, 50_000)
        let links = (0..<linkCount).map { LinkRecord(id: "link-\($0)", mapping: "deals", crmID: "006\($0)", prmID: "D\($0)", status: .active) }
        for chunk in stride(from: 0, to: links.count, by: 10_000) {
            try state.recordPlan(PlanBatch(links: Array(links[chunk..<min(chunk + 10_000, links.count)])))
        }
        let start = BenchDirectory.seconds()
        let cpuStart = BenchDirectory.cpuSeconds()
        var done = 0, transactions = 0
        while done < writes {
            let count = min(batch, writes - done)
            var intents: [IntentDraft] = []
            intents.reserveCapacity(count)
            for offset in 0..<count {
                let link = links[(done + offset) % linkCount]
                let amount = "\((done + offset) % 100_000).00"
                intents.append(IntentDraft(
                    mapping: "deals", linkID: link.id,
                    write: WriteDraft(side: .prm, operation: .update, recordID: link.prmID, externalID: link.crmID,
                                      payload: #"{"amount":"\#(amount)","stage":"Negotiation"}"#),
                    entries: [JournalDraft(mapping: "deals", crmID: link.crmID, prmID: link.prmID, direction: .toPRM,
                                           operation: "update", rule: "propagate.crm",
                                           changes: #"[{"field":"amount","before":{"number":"1.00"},"after":{"number":"\#(amount)"}}]"#)]))
            }
            let receipt = try state.recordPlan(PlanBatch(intents: intents))
            var shadows: [ShadowRecord] = []
            shadows.reserveCapacity(count)
            for (offset, intent) in intents.enumerated() {
                let values = #"{"amount":{"number":"\#((done + offset) % 100_000).00"},"stage":{"string":"Negotiation"}}"#
                shadows.append(ShadowRecord(linkID: intent.linkID ?? "", crmValues: values, prmValues: values,
                                            crmModifiedAt: Int64(done + offset), prmModifiedAt: Int64(done + offset)))
            }
            try state.recordOutcomes(OutcomeBatch(outcomes: receipt.tickets.map { .applied($0.writeID) }, shadows: shadows))
            done += count
            transactions += 2
        }
        let seconds = BenchDirectory.seconds() - start
        let cpu = BenchDirectory.cpuSeconds() - cpuStart
        let appended = try state.journalCount()
        let rate = Double(appended) / seconds
        let bytes = BenchDirectory.size(of: path)
        if json {
            console.out(JSONFields.line(.object([
                "rows": JSONFields.number(appended), "writes": JSONFields.number(writes), "batch": JSONFields.number(batch),
                "transactions": JSONFields.number(transactions), "seconds": .number(Decimal(seconds)),
                "cpuSeconds": .number(Decimal(cpu)), "rowsPerCPUSecond": .number(Decimal(Int(Double(appended) / cpu))),
                "rowsPerSecond": .number(Decimal(Int(rate))), "writesPerSecond": .number(Decimal(Int(Double(writes) / seconds))),
                "targetRowsPerSecond": .number(Decimal(Self.target)), "meetsTarget": .bool(rate >= Self.target),
                "databaseBytes": JSONFields.number(bytes),
            ])))
        } else {
            console.out("journal append, real write protocol (WAL, synchronous=FULL), \(batch) writes per transaction:")
            console.out("  \(appended) rows (\(writes) intents + \(writes) outcomes, with shadows) in "
                + String(format: "%.2f s, %d transactions", seconds, transactions))
            console.out(String(format: "  %.0f rows/s (%.0f writes/s)   target: %.0f rows/s   ", rate, Double(writes) / seconds,
                               Self.target) + (rate >= Self.target ? "MET" : "NOT MET"))
            console.out(String(format: "  CPU %.2f s: %.0f rows per CPU second (what the code costs on a busy machine)",
                               cpu, Double(appended) / cpu))
            console.out("  database: \(bytes / 1_048_576) MiB")
        }
        return .success
    }
}
