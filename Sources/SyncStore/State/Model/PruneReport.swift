/// What `db prune` removed (or, on a dry run, would remove).
public struct PruneReport: Sendable, Hashable {
    /// Rows older than this (epoch ms) were candidates.
    public var cutoff: Int64
    public var journalRows: Int
    /// Old rows kept because they are pending intents, belong to a write that is not
    /// final, or to a link with an open conflict or failure.
    public var journalRowsKept: Int
    public var writes: Int
    public var closedConflicts: Int
    public var closedFailures: Int
    public var cycles: Int
    public var dryRun: Bool
    /// The journal row recording the prune; nil on a dry run.
    public var journalSeq: Int64?

    public init(cutoff: Int64, journalRows: Int = 0, journalRowsKept: Int = 0, writes: Int = 0,
                closedConflicts: Int = 0, closedFailures: Int = 0, cycles: Int = 0, dryRun: Bool, journalSeq: Int64? = nil) {
        self.cutoff = cutoff
        self.journalRows = journalRows
        self.journalRowsKept = journalRowsKept
        self.writes = writes
        self.closedConflicts = closedConflicts
        self.closedFailures = closedFailures
        self.cycles = cycles
        self.dryRun = dryRun
        self.journalSeq = journalSeq
    }
}
