extension BenchFigures {
    /// Each figure's median over `runs` of one leg (the mean of the middle two for an even
    /// count); nil without runs. Replay refusals are the most any run had; the cycle's
    /// report lines stay with each run.
    static func median(of runs: [BenchFigures]) -> BenchFigures? {
        guard let first = runs.first else { return nil }
        let remotes = Set(runs.flatMap(\.requests.keys))
        var requests: [String: Int] = [:]
        for remote in remotes { requests[remote] = Int(median(runs.map { Double($0.requests[remote] ?? 0) }).rounded()) }
        return BenchFigures(leg: first.leg, records: first.records, wallSeconds: median(runs.map(\.wallSeconds)),
                            cpuSeconds: median(runs.map(\.cpuSeconds)),
                            peakRSSBytes: Int(median(runs.map { Double($0.peakRSSBytes) }).rounded()),
                            requests: requests, minimum: first.minimum,
                            rawTransferSeconds: median(runs.map(\.rawTransferSeconds)),
                            rawRefused: runs.map(\.rawRefused).max() ?? 0,
                            sandboxCPUSeconds: median(runs.map(\.sandboxCPUSeconds)),
                            rawClientCPUSeconds: median(runs.map(\.rawClientCPUSeconds)),
                            rawSandboxCPUSeconds: median(runs.map(\.rawSandboxCPUSeconds)), summary: [])
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension [BenchFigures] {
    func min(_ figure: KeyPath<BenchFigures, Double>) -> Double { map { $0[keyPath: figure] }.min() ?? 0 }
    func max(_ figure: KeyPath<BenchFigures, Double>) -> Double { map { $0[keyPath: figure] }.max() ?? 0 }
}
