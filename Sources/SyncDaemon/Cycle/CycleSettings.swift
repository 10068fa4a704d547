import SyncStore

/// How one cycle runs, beyond the mapping itself.
public struct CycleSettings: Sendable {
    /// How far before a cursor's high-water mark a pull starts again: records can commit
    /// with a modification time older than one already served.
    public var overlapMillis: Int64
    /// Attempts a failed write gets (the first send included) before it becomes a dead
    /// letter for ops; failed writes before that are resent by the next cycles.
    public var maxAttempts: Int
    /// Pull and reconcile, but send nothing: no remote write, no outcome, no cursor. The
    /// plan is still recorded in the state the cycle is given, so the caller must hand it
    /// a throwaway copy (`DryRunState`).
    public var dryRun: Bool
    /// Read both sides completely this cycle (since nothing), whatever the cursors say: the
    /// only way to see hard deletes on APIs without a delete feed.
    public var fullScan: Bool
    /// Read a side completely when its last complete read is older than this (epoch ms);
    /// nil: only when `fullScan` is set, or when the connector decides to.
    public var fullScanIntervalMillis: Int64?
    /// Writes per batch for connectors that send one request per record (Impartner,
    /// PartnerStack, generic REST): how many requests pass between two commits of
    /// outcomes, and at most how many a stop waits for. (Batch APIs keep their
    /// `maxBatch`: there a batch is one request.)
    public var singleWriteBatch: Int
    /// Outcomes are committed (one transaction, one sync to disk) once this many writes
    /// have one, or `outcomeCommitMillis` after the last commit, and at the end of each
    /// side. Writes sent but not committed when the process dies stay pending and are
    /// looked up before anything is resent, so these bound that work, not correctness.
    public var outcomeCommitWrites: Int
    public var outcomeCommitMillis: Int64
    /// Records a plan chunk holds at most (writes, decisions, shadows) before it is
    /// recorded and sent, and the next chunk is reconciled: what bounds a cycle's memory
    /// (an initial sync of 200,000 records held every record, write and shadow at once).
    /// The first chunks are smaller (`ChunkedPlan.size`: 250, doubling), so that writes
    /// start early. A cycle that fits in one chunk is recorded and sent exactly as a
    /// single plan.
    public var planChunkRecords: Int
    /// Send each plan chunk but the last on a thread of its own while the next chunk is
    /// reconciled and recorded (`ChunkSender`): the same requests in the same order per
    /// remote, with the cycle's own work done during the remotes' answer time.
    public var overlapSends: Bool
    /// Bytes of pulled records each side keeps in memory besides the records index, so
    /// reconciling them reads nothing back (`PulledSide.kept`); records past it are read back.
    public var keptRecordBytes: Int
    /// Ids for links the cycle creates.
    public var makeLinkID: @Sendable () -> String

    public init(overlapMillis: Int64 = 60_000, maxAttempts: Int = 3, dryRun: Bool = false, fullScan: Bool = false,
                fullScanIntervalMillis: Int64? = 86_400_000, singleWriteBatch: Int = 10,
                outcomeCommitWrites: Int = 1_000, outcomeCommitMillis: Int64 = 1_000, planChunkRecords: Int = 4_000,
                overlapSends: Bool = true, keptRecordBytes: Int = 8 << 20,
                makeLinkID: @escaping @Sendable () -> String = { SyncState.makeLinkID() }) {
        self.overlapMillis = overlapMillis
        self.maxAttempts = maxAttempts
        self.dryRun = dryRun
        self.fullScan = fullScan
        self.fullScanIntervalMillis = fullScanIntervalMillis
        self.singleWriteBatch = max(1, singleWriteBatch)
        self.outcomeCommitWrites = max(1, outcomeCommitWrites)
        self.outcomeCommitMillis = max(0, outcomeCommitMillis)
        self.planChunkRecords = max(1, planChunkRecords)
        self.overlapSends = overlapSends
        self.keptRecordBytes = max(0, keptRecordBytes)
        self.makeLinkID = makeLinkID
    }
}
