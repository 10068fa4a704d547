import CSQLite

extension Database {
    /// `PRAGMA user_version`, a free integer in the file header. The migrator mirrors the
    /// newest applied migration id here so `sqlite3 file 'PRAGMA user_version'` shows it.
    public var userVersion: Int {
        get throws { try scalar("PRAGMA user_version", as: Int.self) ?? 0 }
    }

    /// Sets `PRAGMA user_version` (a 32-bit signed value in the header).
    public func setUserVersion(_ version: Int) throws {
        guard let value = Int32(exactly: version) else {
            throw StoreError.sqlite(path: path, code: .range,
                                    message: "user_version must fit in 32 bits", sql: "PRAGMA user_version = ?")
        }
        // PRAGMA takes no bound parameters; an Int32 rendered in decimal is not injectable.
        try executeScript("PRAGMA user_version = \(value)")
    }

    /// The journal mode as SQLite reports it ("wal" after a read-write open).
    public var journalMode: String {
        get throws { try scalar("PRAGMA journal_mode", as: String.self) ?? "" }
    }

    /// `PRAGMA synchronous` as a number: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
    public var synchronous: Int {
        get throws { try scalar("PRAGMA synchronous", as: Int.self) ?? -1 }
    }

    /// Whether foreign key constraints are enforced on this connection.
    public var foreignKeysEnabled: Bool {
        get throws { try scalar("PRAGMA foreign_keys", as: Int.self) == 1 }
    }

    /// Whether `PRAGMA query_only` is on.
    public var isQueryOnly: Bool {
        get throws { try scalar("PRAGMA query_only", as: Int.self) == 1 }
    }

    /// The problems `PRAGMA integrity_check` finds, at most `maxProblems`; empty means the
    /// file is sound (<https://www.sqlite.org/pragma.html#pragma_integrity_check>).
    /// A file too damaged to check reports SQLite's error as the single problem.
    /// Reads every page: on a large journal this takes a while, which is for ops to start.
    public func integrityCheck(maxProblems: Int = 100) throws -> [String] {
        let limit = max(1, min(maxProblems, Int(Int32.max)))
        do {
            let rows = try query("PRAGMA integrity_check(\(limit))") { try $0.decode(String.self, at: 0) }
            return rows == ["ok"] ? [] : rows
        } catch let StoreError.sqlite(_, code, message, _) where code.matches(.corrupt) || code.matches(.notADatabase) {
            return ["\(message) [\(code)]"]
        }
    }

    /// Rows that violate a foreign key (`PRAGMA foreign_key_check`), as
    /// "table rowid N references parent"; empty when all references resolve.
    public func foreignKeyViolations() throws -> [String] {
        try query("PRAGMA foreign_key_check") { row in
            let table = try row.decode(String.self, at: 0)
            let rowID = try row.decodeIfPresent(Int64.self, at: 1).map(String.init) ?? "?"
            let parent = try row.decode(String.self, at: 2)
            return "\(table) rowid \(rowID) references missing \(parent) row"
        }
    }
}
