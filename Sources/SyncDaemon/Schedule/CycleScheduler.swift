import Synchronization

/// Runs a mapping's cycle body on the mapping's own serial queue with its own
/// timer (interval plus jitter between the end of one cycle and the start of
/// the next). Reloads call `apply` with the new schedules: new mappings start,
/// removed ones stop, changed ones take the new timing at their next arming.
public final class CycleScheduler: Sendable {
    private let random: JitterRandom
    private let loops = Mutex<[String: MappingLoop]>([:])

    public init(random: JitterRandom = .system) {
        self.random = random
    }

    /// The mappings with a live timer, sorted.
    public var mappings: [String] { loops.withLock { $0.keys.sorted() } }

    /// Makes the running set match `schedules`; `body(mapping)` is what newly
    /// started mappings run on each timer fire (mappings already running keep theirs).
    public func apply(_ schedules: [MappingSchedule], body: @escaping @Sendable (String) -> Void) {
        let (started, stopped) = loops.withLock { loops -> ([MappingLoop], [MappingLoop]) in
            let wanted = Dictionary(schedules.map { ($0.mapping, $0) }, uniquingKeysWith: { first, _ in first })
            var started: [MappingLoop] = []
            for (name, schedule) in wanted {
                if let loop = loops[name] {
                    loop.update(schedule)
                } else {
                    let loop = MappingLoop(schedule: schedule, random: random, body: body)
                    loops[name] = loop
                    started.append(loop)
                }
            }
            let removed = loops.keys.filter { wanted[$0] == nil }
            let stopped = removed.compactMap { loops.removeValue(forKey: $0) }
            return (started, stopped)
        }
        stopped.forEach { $0.stop() }
        started.forEach { $0.start() }
    }

    /// Cancels every timer. Cycles already running are not interrupted.
    public func stop() {
        let all = loops.withLock { loops -> [MappingLoop] in
            defer { loops.removeAll() }
            return Array(loops.values)
        }
        all.forEach { $0.stop() }
    }
}
