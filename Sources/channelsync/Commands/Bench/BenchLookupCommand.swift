import Foundation
import SyncCore
import SyncStore

/// `channelsync bench lookup`: `journal --record` latency on a big journal.
struct BenchLookupCommand: Command {
    static let path = ["bench", "lookup"]
    static let summary = "Benchmark 'journal --record' lookups on a big journal (target under 50 ms)"
    static let help = """
    USAGE: channelsync bench lookup [--rows N] [--lookups K] [--path FILE] [--json]

    Builds a journal of N rows (10 rows per record on average, spread over time, each
    naming a CRM id, a PRM id and a link id, plus the links) in a temporary directory,
    then times K 'journal --record ID' queries (the query the CLI runs, on a read-only
    connection) for random CRM, PRM and link ids. Building 10,000,000 rows takes a few
    minutes and about 4 GB; --path FILE keeps the database there and reuses it on
    the next run when it already holds at least N rows.

    OPTIONS:
      --rows N      Journal rows (default 1000000, 1000 to 100000000); the issue's
                    figure is for 10000000
      --lookups K   Lookups to time (default 300, 1 to 100000)
      --path FILE   Build into FILE (kept), or reuse FILE if it has at least N rows
      --json        Print {"rows": N, "records": N, "buildSeconds": X|null, "lookups": N,
                    "firstMs": X, "p50Ms": X, "p95Ms": X, "p99Ms": X, "maxMs": X,
                    "meanRowsPerLookup": X, "targetMs": 50, "meetsTarget": BOOL,
                    "databaseBytes": N}  (meetsTarget: p99 under the target)
      -h, --help    Show this help

    EXIT CODES:
      0   measured (whether or not the target is met)
      1   the benchmark could not run
      64  usage error
    """

    static let targetMillis = 50.0

    let rows: Int
    let lookups: Int
    let path: String?
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        rows = try arguments.intOption("--rows", in: 1_000...100_000_000) ?? 1_000_000
        lookups = try arguments.intOption("--lookups", in: 1...100_000) ?? 300
        path = try arguments.option("--path")
        if path?.isEmpty == true { throw .usage("--path needs a file name") }
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        do {
            if let path { return try measure(path: path, console: console) }
            return try BenchDirectory.with { directory in
                try measure(path: directory + "/" + SyncState.fileName, console: console)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failure("benchmark failed: \(error)")
        }
    }

    /// Record `index`'s ids; records are spread so that rows of one record lie far apart.
    static func ids(_ index: Int) -> (crm: String, prm: String, link: String) {
        let key = String(index, radix: 36)
        let padded = String(repeating: "0", count: max(0, 8 - key.count)) + key
        return ("006Bench" + padded, "deal-" + padded, "lnk-" + padded)
    }

    private func measure(path: String, console: Console) throws -> ExitStatus {
        let records = max(1, rows / 10)
        var buildSeconds: Double?
        let existing = FileManager.default.fileExists(atPath: path)
            ? (try? SyncState.openReadOnly(path: path)).flatMap { state -> Int? in
                defer { try? state.close() }
                return try? state.journalCount()
            }
            : nil
        if existing.map({ $0 < rows }) ?? true {
            if FileManager.default.fileExists(atPath: path) {
                throw CLIError.failure("\(path) exists with fewer than \(rows) journal rows (or is not a state database); "
                    + "remove it or choose another --path")
            }
            buildSeconds = try build(path: path, records: records, console: console)
        }
        let reader = try SyncState.openReadOnly(path: path)
        defer { try? reader.close() }
        let total = try reader.journalCount()
        var random = SplitMix(seed: 0xC0FFEE)
        var timings: [Double] = []
        var found = 0
        timings.reserveCapacity(lookups)
        for lookup in 0..<lookups {
            let ids = Self.ids(Int(random.next() % UInt64(records)))
            let id = [ids.crm, ids.prm, ids.link][lookup % 3]
            let start = BenchDirectory.seconds()
            let result = try reader.journal(JournalQuery(record: id, limit: 100))
            timings.append((BenchDirectory.seconds() - start) * 1_000)
            found += result.count
        }
        let first = timings[0]
        let sorted = timings.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let (p50, p95, p99, maxMs) = (percentile(0.5), percentile(0.95), percentile(0.99), sorted[sorted.count - 1])
        let bytes = BenchDirectory.size(of: path)
        let meets = p99 < Self.targetMillis
        if json {
            console.out(JSONFields.line(.object([
                "rows": JSONFields.number(total), "records": JSONFields.number(records),
                "buildSeconds": buildSeconds.map { .number(Decimal(Int($0))) } ?? .null,
                "lookups": JSONFields.number(lookups), "firstMs": Self.millis(first), "p50Ms": Self.millis(p50),
                "p95Ms": Self.millis(p95), "p99Ms": Self.millis(p99), "maxMs": Self.millis(maxMs),
                "meanRowsPerLookup": .number(Decimal(Double(found) / Double(lookups))),
                "targetMs": .number(Decimal(Self.targetMillis)), "meetsTarget": .bool(meets),
                "databaseBytes": JSONFields.number(bytes),
            ])))
        } else {
            console.out("journal --record lookup on \(total) journal rows (\(records) records, \(bytes / 1_048_576) MiB)"
                + (buildSeconds.map { String(format: ", built in %.0f s", $0) } ?? ", reused \(path)") + ":")
            console.out(String(format: "  %d lookups (CRM, PRM and link ids), %.1f rows each: first %.2f ms, p50 %.2f ms, "
                + "p95 %.2f ms, p99 %.2f ms, max %.2f ms", lookups, Double(found) / Double(lookups), first, p50, p95, p99, maxMs))
            console.out(String(format: "  target: p99 under %.0f ms   ", Self.targetMillis) + (meets ? "MET" : "NOT MET"))
        }
        return .success
    }

    private static func millis(_ value: Double) -> JSONValue {
        .number(Decimal((value * 1_000).rounded()) / 1_000)
    }

    /// Links first, then journal rows through the store's decision path, in large
    /// transactions (the build is setup, not the thing measured).
    private func build(path: String, records: Int, console: Console) throws -> Double {
        let start = BenchDirectory.seconds()
        var clock: Int64 = 1_700_000_000_000
        let state = try SyncState.open(path: path, clock: { clock })
        defer { try? state.close() }
        try state.database.executeScript("PRAGMA cache_size = -262144")
        for chunk in stride(from: 0, to: records, by: 20_000) {
            let links = (chunk..<min(chunk + 20_000, records)).map { index -> LinkRecord in
                let ids = Self.ids(index)
                return LinkRecord(id: ids.link, mapping: "deals", crmID: ids.crm, prmID: ids.prm, status: .active)
            }
            try state.recordPlan(PlanBatch(links: links))
        }
        var random = SplitMix(seed: 42)
        var appended = 0
        let chunk = 20_000
        while appended < rows {
            let count = min(chunk, rows - appended)
            var decisions: [DecisionDraft] = []
            decisions.reserveCapacity(count)
            for _ in 0..<count {
                let ids = Self.ids(Int(random.next() % UInt64(records)))
                decisions.append(DecisionDraft(JournalDraft(
                    mapping: "deals", linkID: ids.link, crmID: ids.crm, prmID: ids.prm, direction: .toPRM,
                    operation: "update", rule: "propagate.crm",
                    changes: #"[{"field":"amount","before":{"number":"10.00"},"after":{"number":"12.50"}}]"#), status: .applied))
            }
            try state.recordDecisions(decisions)
            appended += count
            clock += 60_000
            if !json, appended % 1_000_000 == 0 {
                console.err(String(format: "  built %d rows (%.0f s)", appended, BenchDirectory.seconds() - start))
            }
        }
        return BenchDirectory.seconds() - start
    }
}
