/// The exported numbers of one mapping. Counters are totals since the daemon
/// started; gauges are the last value a cycle reported.
public struct MappingMetrics: Sendable, Hashable {
    /// Unix time of the end of the last successful cycle.
    public var lastSuccessTime: Double?
    /// Seconds the last cycle took (successful or not).
    public var lastCycleDuration: Double?
    /// Cycles by result: `success`, `failure`, `skipped` (circuit open).
    public var cycles: [String: Int] = [:]
    /// Records synced by direction, operation and result.
    public var records: [RecordOutcomeKey: Int] = [:]
    /// Journal intents still without an outcome.
    public var pendingIntents: Int?
    /// Conflicts waiting for a human.
    public var openConflicts: Int?
    /// Writes given up on (dead letters).
    public var deadLetters: Int?

    public init() {}
}
