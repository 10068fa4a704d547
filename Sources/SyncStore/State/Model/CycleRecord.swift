/// One sync cycle of one mapping.
public struct CycleRecord: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable, CaseIterable {
        /// Still running (or the process died; `resolvePending` marks those `interrupted`).
        case running
        case ok
        /// Finished, but some writes failed or some records were skipped.
        case partial
        case failed
        /// The process stopped during the cycle.
        case interrupted
    }

    public var id: Int64
    public var mapping: String
    public var startedAt: Int64
    public var endedAt: Int64?
    public var result: Result
    public var error: String?
    public var counts: CycleCounts
    public var remotes: [RemoteUsage]

    public init(id: Int64, mapping: String, startedAt: Int64, endedAt: Int64?, result: Result, error: String?,
                counts: CycleCounts, remotes: [RemoteUsage]) {
        self.id = id
        self.mapping = mapping
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.result = result
        self.error = error
        self.counts = counts
        self.remotes = remotes
    }
}
