import SyncCore

/// Where one mapping stands, for `channelsync status`.
public struct MappingStatus: Sendable, Hashable {
    public var mapping: String
    public var lastCycle: CycleRecord?
    /// The newest cycle that ended `ok` or `partial`.
    public var lastSuccessAt: Int64?
    public var cursors: [CursorRecord]
    /// Links by status (`active`, `review`, …); absent statuses are zero.
    public var links: [LinkRecord.Status: Int]
    public var pendingIntents: Int
    public var openConflicts: Int
    /// Conflicts resolved by ops, waiting for the next cycle.
    public var resolvedConflicts: Int
    /// Open failures by state (`retry`, `dead`, `requeued`).
    public var failures: [FailureRecord.State: Int]
    /// API use per remote over `usageWindow` milliseconds before `now`, with the last
    /// quota figures seen.
    public var remotes: [RemoteUsage]

    public init(mapping: String, lastCycle: CycleRecord?, lastSuccessAt: Int64?, cursors: [CursorRecord],
                links: [LinkRecord.Status: Int], pendingIntents: Int, openConflicts: Int, resolvedConflicts: Int,
                failures: [FailureRecord.State: Int], remotes: [RemoteUsage]) {
        self.mapping = mapping
        self.lastCycle = lastCycle
        self.lastSuccessAt = lastSuccessAt
        self.cursors = cursors
        self.links = links
        self.pendingIntents = pendingIntents
        self.openConflicts = openConflicts
        self.resolvedConflicts = resolvedConflicts
        self.failures = failures
        self.remotes = remotes
    }

    public func cursor(_ side: Side) -> CursorRecord? { cursors.first { $0.side == side } }
}
