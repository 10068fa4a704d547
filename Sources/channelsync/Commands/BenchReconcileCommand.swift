import Foundation
import SyncCore

/// `channelsync bench reconcile`: the reconciler's throughput on a synthetic
/// workload shaped like a large mapping's full re-scan — every linked pair is
/// reconciled with both sides' current records, 10% of which changed on each
/// side since the last sync. Shows the engine is never the bottleneck (API
/// quotas are), and catches performance regressions.
struct BenchReconcileCommand: Command {
    static let path = ["bench", "reconcile"]
    static let summary = "Measure the reconciler's throughput and peak memory"
    static let help = """
    USAGE: channelsync bench reconcile [--records N] [--json]

    Builds N linked pairs of 20-field records (strings, decimals, dates,
    datetimes, booleans, enums; mixed directions and policies), changes 10% of
    the CRM records and, independently, 10% of the PRM records (1 to 3 fields
    each, sometimes the same field on both sides), then reconciles every pair
    with both sides' records, as a full re-scan would. Runs three passes on one
    core and reports the median.

    A record here is one linked pair (its CRM and PRM versions reconciled
    together). Building the workload is not timed; planning is.

    OPTIONS:
      --records N   Linked pairs to reconcile (default 100000, at most 5000000)
      --json        Print {"records", "fields", "changed_per_side",
                    "seconds", "records_per_second", "peak_rss_bytes",
                    "target_records_per_second", "writes", "journal_entries"}

    Target: at least 200,000 records/s in a release build
    (swift build -c release && .build/release/channelsync bench reconcile).
    Peak RSS is the process's VmHWM from /proc/self/status (Linux only).
    """

    static let target = 200_000
    let records: Int
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        records = try arguments.intOption("--records", in: 1...5_000_000) ?? 100_000
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let workload: Workload
        do { workload = try Workload(pairs: records) } catch { throw .failure("bench workload: \(error)") }
        var timings: [Double] = []
        var totals = (writes: 0, journal: 0)
        let reconciler = workload.reconciler
        let candidates = NoLinkCandidates()
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            var writes = 0, journal = 0
            for index in workload.inputs.indices {
                let plan: Plan
                do {
                    plan = try reconciler.reconcile(workload.inputs[index], candidates: candidates)
                } catch {
                    throw .failure("reconcile: \(error)")
                }
                writes += plan.writes.count
                journal += plan.journal.count
            }
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            totals = (writes, journal)
        }
        let seconds = timings.sorted()[1]
        let perSecond = Int((Double(records) / max(seconds, 1e-9)).rounded())
        let peak = Self.peakResidentBytes()

        if json {
            let fields: [String] = [
                "\"records\": \(records)", "\"fields\": \(Workload.fieldCount)", "\"changed_per_side\": 0.1",
                "\"seconds\": \(String(format: "%.6f", seconds))", "\"records_per_second\": \(perSecond)",
                "\"peak_rss_bytes\": \(peak.map(String.init) ?? "null")", "\"target_records_per_second\": \(Self.target)",
                "\"writes\": \(totals.writes)", "\"journal_entries\": \(totals.journal)",
            ]
            console.out("{" + fields.joined(separator: ", ") + "}")
        } else {
            console.out("reconciled \(records) linked pairs (\(Workload.fieldCount) fields, 10% changed per side) "
                + "in \(String(format: "%.3f", seconds)) s (median of 3)")
            console.out("records/s:  \(perSecond)  (target ≥ \(Self.target)\(perSecond >= Self.target ? ", met" : ", NOT met"))")
            console.out("peak RSS:   " + (peak.map { String(format: "%.1f MiB (%d bytes)", Double($0) / 1_048_576, $0) } ?? "unavailable (no /proc/self/status)"))
            console.out("planned:    \(totals.writes) writes, \(totals.journal) journal entries per pass")
        }
        return .success
    }

    /// VmHWM ("high water mark" of the resident set) from /proc/self/status, in bytes
    /// (read as the sync scenarios read their worker's, `BenchChild.highWaterMark`).
    static func peakResidentBytes() -> Int? {
        let statusFile = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        defer { if statusFile >= 0 { close(statusFile) } }
        var buffer = [UInt8](repeating: 0, count: 4096)
        return BenchChild.highWaterMark(statusFile, buffer: &buffer)
    }

    /// The synthetic pairs, built before timing starts.
    private struct Workload {
        static let fieldCount = 20
        let reconciler: Reconciler
        let inputs: [ReconcileInput]

        init(pairs: Int) throws {
            let mapping = Self.mapping()
            reconciler = try Reconciler(mapping: mapping)
            let compiled = reconciler.compiled
            var random = SplitMix64(seed: 0x5EED)
            var inputs: [ReconcileInput] = []
            inputs.reserveCapacity(pairs)
            let synced: Int64 = 1_700_000_000_000
            for index in 0..<pairs {
                var base: [String: Value] = [:]
                for field in mapping.fields { base[field.name] = Self.value(for: field, variant: Int(random.next() % 7), index: index) }
                let values = compiled.values(base)
                let shadow = Shadow(crm: values, prm: values, crmModifiedAt: synced, prmModifiedAt: synced)
                let crmId = "006\(index)", prmId = "D\(index)"
                let link = Link(id: "L\(index)", mapping: mapping.name, crmId: crmId, prmId: prmId, status: .active)
                var crm = CanonicalRecord(side: .crm, id: crmId, modifiedAt: synced, values: values)
                var prm = CanonicalRecord(side: .prm, id: prmId, modifiedAt: synced, values: values)
                let shared = random.next() % 100 < 3  // both sides edit the same field
                for record in [0, 1] where random.next() % 10 == 0 || shared {
                    var edited = base
                    let count = 1 + Int(random.next() % 3)
                    for step in 0..<count {
                        let field = mapping.fields[shared && step == 0 ? 2 : Int(random.next() % UInt64(mapping.fields.count))]
                        edited[field.name] = Self.value(for: field, variant: 7 + Int(random.next() % 5), index: index)
                    }
                    let changed = compiled.values(edited)
                    let time = synced + 1 + Int64(random.next() % 60_000)
                    if record == 0 { crm.values = changed; crm.modifiedAt = time } else { prm.values = changed; prm.modifiedAt = time }
                }
                inputs.append(ReconcileInput(link: link, shadow: shadow, crm: .upserted(crm), prm: .upserted(prm),
                                             newLinkID: "L-new", now: synced + 120_000))
            }
            self.inputs = inputs
        }

        static func mapping() -> Mapping {
            let specs: [(String, FieldType, Direction, ConflictPolicy, Bool)] = [
                ("name", .string, .both, .newest, false), ("stage", .enum, .both, .crm, false),
                ("amount", .decimal, .both, .newest, false), ("close_date", .date, .both, .newest, false),
                ("probability", .integer, .toPRM, .crm, false), ("currency", .enum, .both, .crm, false),
                ("account_name", .string, .both, .newest, true), ("account_domain", .string, .both, .newest, true),
                ("contact_email", .email, .both, .newest, true), ("contact_phone", .string, .both, .newest, true),
                ("partner_id", .reference, .toCRM, .prm, false), ("partner_tier", .enum, .toCRM, .prm, false),
                ("registration_status", .enum, .both, .prm, false), ("registered_at", .datetime, .toCRM, .prm, false),
                ("decided_at", .datetime, .toPRM, .crm, false), ("expires_at", .date, .toPRM, .crm, false),
                ("description", .text, .both, .newest, false), ("is_public_sector", .bool, .both, .newest, false),
                ("discount", .decimal, .both, .manual, false), ("source", .string, .createOnly, .newest, false),
            ]
            let fields = specs.map { name, type, direction, policy, preferNonEmpty in
                FieldMapping(name: name, type: type, crmPath: FieldPath(name), prmPath: FieldPath(name),
                             direction: direction, policy: policy, preferNonEmpty: preferNonEmpty)
            }
            return Mapping(name: "bench-deals",
                           crm: SideBinding(remote: "crm", object: "Opportunity", externalIdField: FieldPath("PRM_Deal_Id__c")),
                           prm: SideBinding(remote: "prm", object: "Deal", externalIdField: FieldPath("crm_id")),
                           fields: fields, matchKeys: [["contact_email"]], deletePolicy: .flag)
        }

        static func value(for field: FieldMapping, variant: Int, index: Int) -> Value {
            switch field.type {
            case .string, .text, .reference: .string("\(field.name.prefix(4))-\(variant)-\(index % 1000)")
            case .enum: .string(["draft", "submitted", "approved", "won", "lost", "open", "expired"][variant % 7])
            case .email: .string("c\(index)@acme\(variant).test")
            case .decimal, .integer: .number(Decimal(index % 10_000 + variant) / 4)
            case .bool: .bool(variant % 2 == 0)
            case .date: .date(String(format: "2025-%02d-%02d", 1 + variant % 12, 1 + index % 28))
            case .datetime: .datetime(1_700_000_000_000 + Int64(index) * 1_000 + Int64(variant))
            }
        }
    }

    /// SplitMix64, seeded, so every run reconciles the same workload.
    private struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
