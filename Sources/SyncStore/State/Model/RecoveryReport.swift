/// What `SyncState.resolvePending` did at start-up.
public struct RecoveryReport: Sendable, Hashable {
    /// Writes found on the remote and marked applied.
    public var applied: Int
    /// Writes not found, queued to be sent again.
    public var requeued: Int
    /// Writes that could not be checked, turned into dead letters.
    public var dead: Int
    /// Cycles left `running` by the previous process, now `interrupted`.
    public var interruptedCycles: Int

    public init(applied: Int = 0, requeued: Int = 0, dead: Int = 0, interruptedCycles: Int = 0) {
        self.applied = applied
        self.requeued = requeued
        self.dead = dead
        self.interruptedCycles = interruptedCycles
    }
}
