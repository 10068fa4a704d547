import Foundation

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .sqlite(path, code, message, sql):
            var text = "SQLite error in \(path): \(message) [\(code)]"
            if let sql { text += " while running: \(Self.shorten(sql))" }
            if let hint = Self.hint(for: code) { text += ". \(hint)" }
            return text
        case let .diskFull(path, cause, code, freeBytes, sql):
            return Self.diskFullText(path: path, cause: cause, code: code, freeBytes: freeBytes, sql: sql)
        case let .cannotOpen(path, code, message, systemError):
            return "cannot open database \(path): \(message) [\(code)]" + Self.systemErrorText(systemError)
                + ". Check that the directory exists and that this user may read and write"
                + " the file, its directory and the -wal/-shm files next to it"
        case let .walFilesUnavailable(path, code, message, systemError):
            return "cannot read \(path) read-only: SQLite needs its write-ahead log files \(path)-wal and"
                + " \(path)-shm, which are missing or unusable, and this user may not create them: \(message) [\(code)]"
                + Self.systemErrorText(systemError)
                + ". They exist while the daemon runs (and after it stops, with persistent WAL); start the daemon"
                + " once, or run as a user that may write in the directory (https://www.sqlite.org/wal.html#readonly)"
        case let .databaseMissing(path):
            return "no database at \(path): read-only mode never creates one."
                + " Check the path, or start the daemon once so that it creates the database"
        case let .unsupportedSQLite(found, required):
            return "the SQLite library is version \(found) but ChannelSync needs \(required) or newer"
                + " (STRICT tables); install a newer libsqlite3"
        case let .walNotEnabled(path, journalMode):
            return "cannot enable write-ahead logging on \(path): journal_mode is still '\(journalMode)'."
                + " WAL needs a local filesystem with shared memory (not NFS/SMB)"
        case let .settingNotApplied(path, pragma, expected, found):
            return "PRAGMA \(pragma) on \(path) reads back '\(found)' instead of '\(expected)'"
        case let .closed(path):
            return "database \(path) is closed"
        case let .nestedTransaction(path):
            return "a transaction is already open on \(path); nested transactions are not supported"
        case let .transactionAborted(path):
            return "SQLite rolled back the transaction on \(path) after an earlier error; nothing was committed"
        case let .multipleStatements(sql):
            return "expected exactly one SQL statement, got more: \(Self.shorten(sql))"
        case let .argumentCount(sql, expected, given):
            return "statement takes \(expected) bound value(s), \(given) given: \(Self.shorten(sql))"
        case let .columnOutOfRange(sql, index, count):
            return "column index \(index) is out of range (row has \(count) column(s)): \(Self.shorten(sql))"
        case let .columnType(sql, index, name, expected, found):
            return "column \(index) '\(name)' holds \(found), expected \(expected): \(Self.shorten(sql))"
        case let .invalidMigrations(reason):
            return "invalid migration list: \(reason)"
        case let .newerSchema(path, databaseVersion, buildVersion, unknownIDs):
            let ids = unknownIDs.map(String.init).joined(separator: ", ")
            return "database \(path) was written by a newer ChannelSync: its schema is at version"
                + " \(databaseVersion) but this build knows versions up to \(buildVersion)"
                + " (unknown migrations: \(ids)). Refusing to use it; nothing was modified."
                + " Run a newer channelsync, or restore a backup made by this version"
        case let .migrationHistoryMismatch(path, missingID, laterAppliedID):
            return "database \(path) has migration \(laterAppliedID) applied but not migration \(missingID)"
                + " that this build expects before it; the schema histories diverged. Refusing to migrate"
        case let .foreignDatabase(path, tables):
            return "\(path) is not a ChannelSync database: it has tables (\(tables.joined(separator: ", ")))"
                + " but no schema_migrations record. Refusing to migrate it; check the path"
        case let .migrationFailed(path, id, name, reason):
            return "migration \(id) '\(name)' failed on \(path) and was rolled back"
                + " (the schema stays at the previous version): \(reason)"
        case let .readOnlyConnection(path, operation):
            return "cannot \(operation): \(path) was opened read-only"
        case let .backupDestinationExists(path):
            return "backup destination \(path) already exists; choose a new file name"
        case let .backupFailed(source, destination, code, message):
            return "backup of \(source) to \(destination) failed: \(message) [\(code)]; no backup file was written"
        case let .reentrantQueueAccess(path):
            return "DatabaseQueue for \(path) was used from its own queue, which would deadlock"
        case let .tableDefinitionMismatch(path, table, expected):
            return "the definition of table \(table) in \(path) does not hold \(Self.shorten(expected, limit: 120))"
                + " exactly once, as the migration expects; the schema was changed outside ChannelSync."
                + " Restore a backup, or run 'channelsync db check'"
        }
    }

    /// What an operator can do about common failures.
    private static func hint(for code: ResultCode) -> String? {
        switch code {
        case .busy, .locked:
            "Another connection holds the lock and did not release it within the busy timeout;"
                + " check for another process writing to this database"
        case .readOnly:
            "The database is open read-only (or the file is not writable); writes are refused"
        case .notADatabase:
            "The file is not an SQLite database or its header is corrupt; restore it from a backup"
        case .corrupt:
            "The database file is corrupt; stop the daemon and restore it from a backup"
        case .full:
            "The disk is full"
        case .ioError:
            "An I/O error occurred; check the disk (free space, quotas, a file-size limit) and the filesystem"
        case .cantOpen:
            "A file could not be opened; check permissions of the database, its -wal/-shm files and directory"
        default:
            nil
        }
    }

    private static func systemErrorText(_ code: Int32) -> String {
        code == 0 ? "" : " (system error \(code): \(String(cString: strerror(code))))"
    }

    /// SQL on one line, cut to a length that keeps log lines readable.
    static func shorten(_ sql: String, limit: Int = 300) -> String {
        let oneLine = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit)) + "…"
    }
}
