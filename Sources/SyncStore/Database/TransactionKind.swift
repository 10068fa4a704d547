/// How `BEGIN` takes locks (<https://www.sqlite.org/lang_transaction.html>).
public enum TransactionKind: String, Sendable {
    /// Locks on first use; a read that later writes may fail with `SQLITE_BUSY_SNAPSHOT`.
    case deferred = "DEFERRED"
    /// Takes the write lock at `BEGIN`, waiting up to the busy timeout, so a write
    /// transaction cannot fail half-way because another writer got in first.
    case immediate = "IMMEDIATE"
    /// Like immediate in WAL mode.
    case exclusive = "EXCLUSIVE"
}
