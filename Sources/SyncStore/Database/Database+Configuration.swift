import CSQLite

extension Database {
    /// Applies and verifies the connection settings described on `Database`.
    func configure(_ handle: OpaquePointer) throws {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, options.busyTimeoutMilliseconds)
        // Defensive mode forbids SQL that can corrupt the file on purpose (writable_schema,
        // journal_mode=OFF, …): https://www.sqlite.org/c3ref/c_dbconfig_defensive.html
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nil)
        // "text" must be a string literal, not an identifier that silently becomes one.
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DML, 0, nil)
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_DQS_DDL, 0, nil)
        try opening { try executeScript("PRAGMA trusted_schema = OFF") }

        switch options.access {
        case .readOnly:
            try openingReadOnly {
                try executeScript("PRAGMA query_only = 1")
                try expectSetting("query_only", equals: 1)
                // Touch the file now, so a corrupt or unreadable file fails the open
                // rather than the first query.
                _ = try scalar("SELECT count(*) FROM sqlite_schema", as: Int.self)
            }
        case .readWrite:
            try opening {
                // Reading the header here is also what rejects a file that is not a database.
                let mode = try scalar("PRAGMA journal_mode = WAL", as: String.self) ?? ""
                guard mode.lowercased() == "wal" else {
                    throw StoreError.walNotEnabled(path: path, journalMode: mode)
                }
                try executeScript("PRAGMA synchronous = FULL")
                try expectSetting("synchronous", equals: 2)
                try executeScript("PRAGMA foreign_keys = ON")
                try expectSetting("foreign_keys", equals: 1)
                // Truncate the WAL back to this size after a checkpoint resets it, and to
                // zero when the last connection closes, so a big batch does not leave a big
                // file behind (https://www.sqlite.org/pragma.html#pragma_journal_size_limit).
                try executeScript("PRAGMA journal_size_limit = \(Self.walSizeLimit)")
            }
            if options.persistentWAL {
                var persist: Int32 = 1
                sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            }
        }
    }

    /// A read-only connection that fails to set up the WAL index gets an error that says
    /// so, rather than "attempt to write a readonly database".
    private func openingReadOnly(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let StoreError.sqlite(path, code, message, _)
                    where code.matches(.cantOpen) || code == .readOnlyDirectory || code == .readOnlyCantInit
                    || code == .readOnlyCantLock || code == .readOnlyRecovery {
            throw StoreError.walFilesUnavailable(path: path, code: code, message: message,
                                                 systemError: connection.map { sqlite3_system_errno($0) } ?? 0)
        }
    }

    private func expectSetting(_ pragma: String, equals expected: Int) throws {
        let found = try scalar("PRAGMA \(pragma)", as: Int.self)
        guard found == expected else {
            throw StoreError.settingNotApplied(path: path, pragma: pragma, expected: String(expected),
                                               found: found.map(String.init) ?? "nothing")
        }
    }

    /// The WAL size kept after checkpoints: 64 MiB.
    static let walSizeLimit = 64 << 20

    /// Reports a failure to open a file during configuration (e.g. the `-wal` file in an
    /// unwritable directory) as `cannotOpen` with the reason.
    private func opening(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let StoreError.sqlite(path, code, message, _) where code.matches(.cantOpen) || code.matches(.readOnly) {
            let reported = connection.map { sqlite3_system_errno($0) } ?? 0
            throw StoreError.cannotOpen(path: path, code: code, message: message,
                                        systemError: Self.diagnoseAccess(path: path, access: options.access) ?? reported)
        }
    }
}
