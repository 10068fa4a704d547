import Foundation
import SyncCore

/// One leg's figures against the issue's targets, as text or one JSON object: of its
/// only run, of one run of several (`--repeat`), or the medians of those runs.
struct BenchReport {
    enum Kind {
        case only
        /// Run `index` (from 1) of `count`.
        case run(index: Int, count: Int)
        /// The medians of these runs.
        case median(of: [BenchFigures])
    }

    let scenario: BenchScenario
    let figures: BenchFigures
    var kind = Kind.only

    /// The reports of a leg's runs: one, or each run and then their medians.
    static func reports(scenario: BenchScenario, runs: [BenchFigures]) -> [BenchReport] {
        guard runs.count > 1, let median = BenchFigures.median(of: runs) else {
            return runs.map { BenchReport(scenario: scenario, figures: $0) }
        }
        return runs.enumerated().map { index, figures in
            BenchReport(scenario: scenario, figures: figures, kind: .run(index: index + 1, count: runs.count))
        } + [BenchReport(scenario: scenario, figures: median, kind: .median(of: runs))]
    }

    static let rssLimit = 150 * 1_000_000
    static let cores = ProcessInfo.processInfo.activeProcessorCount
    static let cpuLimit = 2.0

    /// Target name → met, for the targets that apply to this leg.
    var targets: [(name: String, met: Bool)] {
        var targets: [(String, Bool)] = [("requests <= 1.05 x minimum", Double(figures.totalRequests) <= 1.05 * Double(figures.totalMinimum))]
        switch figures.leg {
        case .idle:
            let mappings = figures.leg.mappings.count
            let pulls = figures.requests.map { $0.key == "salesforce" ? $0.value - 1 : $0.value }.reduce(0, +)
            targets.append(("one pull request per side per mapping", pulls == 2 * mappings))
            targets.append(("peak RSS <= 150 MB", figures.peakRSSBytes <= Self.rssLimit))
        case .steady:
            targets.append(("wall <= 1.5 x raw transfer", figures.wallRatio <= 1.5))
            targets.append(("peak RSS <= 150 MB", figures.peakRSSBytes <= Self.rssLimit))
            targets.append(("CPU <= 2 s", figures.cpuSeconds <= Self.cpuLimit))
        case .initialToPRM, .initialToCRM:
            targets.append(("wall <= 1.5 x raw transfer", figures.wallRatio <= 1.5))
        case .fullscan:
            break
        }
        return targets
    }

    var lines: [String] {
        let f = figures
        var lines = ["\(f.leg.rawValue), \(f.records) \(scenario.recordsMeaning)\(heading):"]
        lines.append(String(format: "  daemon:        wall %.2f s, CPU %.2f s, peak RSS %.1f MB", f.wallSeconds, f.cpuSeconds,
                            Double(f.peakRSSBytes) / 1e6) + spread { String(format: "wall %.2f-%.2f s, CPU %.2f-%.2f s",
                            $0.min(\.wallSeconds), $0.max(\.wallSeconds), $0.min(\.cpuSeconds), $0.max(\.cpuSeconds)) })
        lines.append(String(format: "  raw transfer:  %.2f s  (daemon wall / raw = %.2f)", f.rawTransferSeconds, f.wallRatio)
            + spread { String(format: "raw %.2f-%.2f s, wall / raw %.2f-%.2f", $0.min(\.rawTransferSeconds),
                              $0.max(\.rawTransferSeconds), $0.min(\.wallRatio), $0.max(\.wallRatio)) }
            + (f.rawRefused > 0 ? "  [\(f.rawRefused) replayed requests were refused]" : ""))
        // The sandbox runs on the same cores: a CPU-bound daemon's wall time includes it.
        lines.append(String(format: "  CPU beside it: sandbox %.2f s while the daemon ran; raw transfer: client %.2f s, sandbox %.2f s"
                            + "  (%d cores here)", f.sandboxCPUSeconds, f.rawClientCPUSeconds, f.rawSandboxCPUSeconds,
                            Self.cores))
        let remotes = Set(f.requests.keys).union(f.minimum.keys).sorted()
        let perRemote = remotes.map { "\($0) \(f.requests[$0] ?? 0)/\(f.minimum[$0] ?? 0)" }.joined(separator: ", ")
        lines.append(String(format: "  API requests:  %d, minimum %d  (ratio %.3f; per remote, sent/minimum: ", f.totalRequests,
                            f.totalMinimum, f.requestRatio) + perRemote + ")")
        lines.append("  targets:       " + targets.map { "\($0.name): \($0.met ? "MET" : "NOT MET")" }.joined(separator: "; "))
        if case .median = kind { return lines }
        lines.append("  cycle:")
        lines += f.summary.map { "    " + $0 }
        return lines
    }

    private var heading: String {
        switch kind {
        case .only: ""
        case let .run(index, count): " - run \(index) of \(count)"
        case let .median(runs): " - median of \(runs.count) runs (wall / raw: of the medians)"
        }
    }

    /// `  [runs: …]` after a median's line: the lowest and highest of the runs.
    private func spread(_ text: ([BenchFigures]) -> String) -> String {
        guard case let .median(runs) = kind else { return "" }
        return "  [runs: " + text(runs) + "]"
    }

    var json: String {
        let f = figures
        func counts(_ values: [String: Int]) -> JSONValue {
            .object(values.mapValues { .number(Decimal($0)) })
        }
        func seconds(_ value: Double) -> JSONValue { .number(Decimal(string: String(format: "%.3f", value)) ?? 0) }
        var met: [String: JSONValue] = [:]
        for target in targets { met[target.name] = .bool(target.met) }
        return JSONFields.line(.object([
            "scenario": .string(scenario.rawValue), "run": .string(f.leg.rawValue), "records": .number(Decimal(f.records)),
            "wall_seconds": seconds(f.wallSeconds), "cpu_seconds": seconds(f.cpuSeconds),
            "peak_rss_bytes": .number(Decimal(f.peakRSSBytes)), "api_requests": .number(Decimal(f.totalRequests)),
            "minimum_api_requests": .number(Decimal(f.totalMinimum)), "raw_transfer_seconds": seconds(f.rawTransferSeconds),
            "raw_transfer_refused": .number(Decimal(f.rawRefused)),
            "sandbox_cpu_seconds": seconds(f.sandboxCPUSeconds), "raw_transfer_client_cpu_seconds": seconds(f.rawClientCPUSeconds),
            "raw_transfer_sandbox_cpu_seconds": seconds(f.rawSandboxCPUSeconds), "cores": .number(Decimal(Self.cores)),
            "requests_per_remote": counts(f.requests), "minimum_per_remote": counts(f.minimum),
            "request_ratio": seconds(f.requestRatio), "wall_ratio": seconds(f.wallRatio), "targets": .object(met),
        ].merging(repeatFields) { $1 }))
    }

    /// `repeat`/`repeats` on each run of several; `statistic: "median"` on their medians.
    private var repeatFields: [String: JSONValue] {
        switch kind {
        case .only: [:]
        case let .run(index, count): ["repeat": .number(Decimal(index)), "repeats": .number(Decimal(count))]
        case let .median(runs): ["statistic": .string("median"), "repeats": .number(Decimal(runs.count))]
        }
    }
}
