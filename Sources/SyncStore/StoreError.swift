/// Everything that can go wrong in the SQLite layer.
///
/// Descriptions name the database file, the SQL text (which holds `?` placeholders,
/// never values), the SQLite result code and SQLite's own message, plus a hint for the
/// operator. Bound values are never part of an error: they may hold personal data.
public enum StoreError: Error, Sendable, Equatable {
    /// SQLite failed while running `sql` (nil when not running a statement).
    case sqlite(path: String, code: ResultCode, message: String, sql: String?)
    /// A write found no room (`DiskFullCause`: the filesystem is full, a quota is used up,
    /// or the file reached the largest size allowed). `freeBytes` is the space left on the
    /// database's filesystem when the error was seen. SQLite rolled the statement (and an
    /// open transaction) back: nothing committed is lost.
    case diskFull(path: String, cause: DiskFullCause, code: ResultCode, freeBytes: Int64?, sql: String?)
    /// The file could not be opened or created; `systemError` is the `errno` SQLite saw.
    case cannotOpen(path: String, code: ResultCode, message: String, systemError: Int32)
    /// A read-only open of a WAL database whose `-wal`/`-shm` files are missing or
    /// unusable and that this user may not create (<https://www.sqlite.org/wal.html#readonly>).
    case walFilesUnavailable(path: String, code: ResultCode, message: String, systemError: Int32)
    /// A read-only open of a file that does not exist (read-only never creates).
    case databaseMissing(path: String)
    /// The linked SQLite library is too old for STRICT tables.
    case unsupportedSQLite(found: String, required: String)
    /// `PRAGMA journal_mode=WAL` did not take effect (e.g. a network filesystem).
    case walNotEnabled(path: String, journalMode: String)
    /// A connection setting read back differently from what was set.
    case settingNotApplied(path: String, pragma: String, expected: String, found: String)
    /// The connection was closed.
    case closed(path: String)
    /// A transaction was requested while one is already open on this connection.
    case nestedTransaction(path: String)
    /// SQLite rolled the transaction back by itself (after an I/O, full-disk or busy
    /// error the caller caught), so the requested commit would have lost data silently.
    case transactionAborted(path: String)
    /// More than one SQL statement was passed where exactly one is expected.
    case multipleStatements(sql: String)
    /// The number of bound values does not match the number of `?` placeholders.
    case argumentCount(sql: String, expected: Int, given: Int)
    /// A column index past the end of the result row.
    case columnOutOfRange(sql: String, index: Int, count: Int)
    /// A column holds a storage class the caller did not expect (e.g. NULL for a String).
    case columnType(sql: String, index: Int, name: String, expected: String, found: String)
    /// The migration list itself is invalid (duplicate or non-positive ids).
    case invalidMigrations(reason: String)
    /// The database records migrations this build does not know: it was written by a
    /// newer ChannelSync. Refused rather than guessed at; nothing was modified.
    case newerSchema(path: String, databaseVersion: Int, buildVersion: Int, unknownIDs: [Int])
    /// The database lacks a migration this build knows, although a later one is
    /// applied: the histories diverged.
    case migrationHistoryMismatch(path: String, missingID: Int, laterAppliedID: Int)
    /// The file holds tables but no migration record: not a ChannelSync database.
    case foreignDatabase(path: String, tables: [String])
    /// A migration failed and was rolled back; earlier migrations stay applied.
    case migrationFailed(path: String, id: Int, name: String, reason: String)
    /// A write-only operation was attempted on a connection opened read-only.
    case readOnlyConnection(path: String, operation: String)
    /// `backup(to:)` refuses to overwrite an existing file.
    case backupDestinationExists(path: String)
    /// The online backup failed; no file was left at the destination.
    case backupFailed(source: String, destination: String, code: ResultCode, message: String)
    /// `DatabaseQueue.sync` was called from its own queue, which would deadlock.
    case reentrantQueueAccess(path: String)
    /// A migration that edits a table's stored definition did not find the text it
    /// replaces exactly once: the schema is not the one the migration was written for.
    case tableDefinitionMismatch(path: String, table: String, expected: String)

    /// The SQLite result code behind this error, when there is one.
    public var resultCode: ResultCode? {
        switch self {
        case let .sqlite(_, code, _, _), let .cannotOpen(_, code, _, _), let .backupFailed(_, _, code, _),
             let .walFilesUnavailable(_, code, _, _), let .diskFull(_, _, code, _, _):
            code
        default:
            nil
        }
    }
}
