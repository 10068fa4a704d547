/// Smooth weighted round-robin (the nginx upstream algorithm) with counters that
/// persist between cycles and restarts: over any run of leads offered to the same
/// candidates, each gets its weight's share to within one lead, and the picks are
/// interleaved (2:1:1 gives a b a c, not a a b c).
///
/// Each pick: every candidate's counter grows by its weight, the largest counter wins
/// (ties go to the earlier candidate), and the winner's counter drops by the total
/// weight. Counters of partners not among the candidates are left alone.
public struct RoundRobinCounters: Sendable, Hashable {
    /// By roster id.
    public var current: [String: Int64]

    public init(_ current: [String: Int64] = [:]) {
        self.current = current
    }

    /// Picks one of `candidates` (id, weight > 0), in candidate order for ties; nil
    /// when there are none.
    public mutating func pick(_ candidates: [(id: String, weight: Int)]) -> String? {
        let total = candidates.reduce(Int64(0)) { $0 + Int64($1.weight) }
        guard total > 0 else { return nil }
        var best: (id: String, value: Int64)?
        for candidate in candidates where candidate.weight > 0 {
            let value = (current[candidate.id] ?? 0) + Int64(candidate.weight)
            current[candidate.id] = value
            if let leader = best, leader.value >= value { continue }
            best = (candidate.id, value)
        }
        guard let best else { return nil }
        current[best.id] = best.value - total
        return best.id
    }
}
