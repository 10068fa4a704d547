import CSQLite

extension Database {
    /// Replaces text in stored `CREATE TABLE` statements, in place: SQLite's procedure for
    /// schema changes that leave every stored row and index entry valid, such as changing a
    /// CHECK constraint (<https://www.sqlite.org/lang_altertable.html#otheralter>). No table is
    /// rebuilt, so it costs the same on a journal of ten million rows as on an empty one.
    ///
    /// Runs inside the caller's write transaction (a migration's). Every edit must find its
    /// text exactly once in its table's stored definition, else nothing is written and it
    /// throws `StoreError.tableDefinitionMismatch`. Defensive mode forbids `writable_schema`
    /// and setting `schema_version`, so it is lifted for the edit only. Afterwards the schema
    /// is read again from the new text (`writable_schema = RESET`) and every edited table is
    /// queried, so a definition SQLite cannot read fails the transaction (which rolls the
    /// edit back) instead of the file, and this connection writes with the new rules at once.
    ///
    /// Only for replacements that keep the schema's meaning for the rows already stored (a
    /// CHECK rewritten as an equivalent expression, a constraint dropped); anything else
    /// needs the rebuild procedure.
    func replaceInTableDefinitions(_ edits: [(table: String, old: String, new: String)]) throws {
        guard isInTransaction else {
            throw StoreError.sqlite(path: path, code: .misuse, message: "table definitions are edited inside a transaction",
                                    sql: nil)
        }
        var definitions: [String: String] = [:]
        var order: [String] = []
        for edit in edits {
            if definitions[edit.table] == nil {
                guard let sql = try scalar("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
                                           [.text(edit.table)], as: String.self) else {
                    throw StoreError.tableDefinitionMismatch(path: path, table: edit.table, expected: edit.old)
                }
                definitions[edit.table] = sql
                order.append(edit.table)
            }
            let sql = definitions[edit.table] ?? ""
            let pieces = sql.components(separatedBy: edit.old)
            guard pieces.count == 2 else {
                throw StoreError.tableDefinitionMismatch(path: path, table: edit.table, expected: edit.old)
            }
            definitions[edit.table] = pieces.joined(separator: edit.new)
        }
        guard !order.isEmpty else { return }
        let version = try scalar("PRAGMA schema_version", as: Int64.self) ?? 0
        let connection = try openConnection()
        _ = csqlite_db_config_int(connection, SQLITE_DBCONFIG_DEFENSIVE, 0, nil)
        defer { _ = csqlite_db_config_int(connection, SQLITE_DBCONFIG_DEFENSIVE, 1, nil) }
        try executeScript("PRAGMA writable_schema = ON")
        do {
            let update = try Statement(connection: connection, path: path,
                                       sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                                       persistent: false)
            for table in order {
                try update.execute([.text(definitions[table] ?? ""), .text(table)])
            }
            try executeScript("PRAGMA schema_version = \(version + 1)")
        } catch {
            try? executeScript("PRAGMA writable_schema = RESET")
            throw error
        }
        // RESET also drops this connection's parsed schema: the next statement reads the new
        // text, so a definition SQLite cannot parse fails here, inside the transaction.
        try executeScript("PRAGMA writable_schema = RESET")
        for table in order {
            try Statement(connection: connection, path: path, sql: "SELECT * FROM \"\(table)\" LIMIT 0",
                          persistent: false).execute()
        }
    }
}
