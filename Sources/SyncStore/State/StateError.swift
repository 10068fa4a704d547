/// Everything the sync-state layer refuses, on top of SQLite's own errors
/// (`StoreError`, which it lets through unchanged).
///
/// Cases carry ids and counts an operator can act on; never field values, payloads
/// or match-key values, which may hold personal data.
public enum StateError: Error, Sendable, Equatable {
    /// `saveCursor` was called while the mapping still has writes without an outcome:
    /// saving it could skip changes whose writes never happened.
    case pendingIntents(mapping: String, count: Int)
    /// An outcome for a write that has none pending (unknown id, or already final).
    case writeNotPending(writeID: Int64)
    /// A batch the store cannot journal as given.
    case invalidDraft(reason: String)
    /// No conflict has this id.
    case conflictNotFound(id: Int64)
    /// The conflict is not open (already resolved or closed).
    case conflictNotOpen(id: Int64, state: String)
    /// The resolution does not fit the conflict (e.g. `--take` a side without a value).
    case resolutionNotApplicable(id: Int64, reason: String)
    /// No failure has this id.
    case failureNotFound(id: Int64)
    /// Only dead letters can be requeued; this one is `state` already.
    case failureNotDead(id: Int64, state: String)
    /// `closeCycle` for a cycle that is not running.
    case cycleNotRunning(id: Int64)
    /// A stored value outside the vocabulary this build knows (hand-edited file, or a
    /// newer writer): names the table and column, and the stored word.
    case unreadableRow(table: String, column: String, found: String)
    /// The database's schema is not the one this build reads, and the caller may not
    /// migrate it (read-only and ops connections never migrate).
    case schemaMismatch(path: String, databaseVersion: Int, buildVersion: Int)
    /// `db prune` needs a cutoff in the past.
    case invalidCutoff(reason: String)
}
