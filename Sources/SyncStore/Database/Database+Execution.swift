import CSQLite
import Glibc

extension Database {
    /// Runs one statement with bound values (cached by SQL text).
    public func execute(_ sql: String, _ arguments: [DatabaseValue] = []) throws {
        try cachedStatement(sql).execute(arguments)
    }

    /// Every row of one query, mapped.
    public func query<T>(_ sql: String, _ arguments: [DatabaseValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        try cachedStatement(sql).query(arguments, map)
    }

    /// The first row of one query, mapped, or nil.
    public func first<T>(_ sql: String, _ arguments: [DatabaseValue] = [], _ map: (Row) throws -> T) throws -> T? {
        try cachedStatement(sql).first(arguments, map)
    }

    /// Streams the rows of one query without collecting them (large journal exports).
    public func forEach(_ sql: String, _ arguments: [DatabaseValue] = [], _ body: (Row) throws -> Void) throws {
        try cachedStatement(sql).forEach(arguments, body)
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    public func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: [DatabaseValue] = [],
                                                    as type: T.Type = T.self) throws -> T? {
        let value = try cachedStatement(sql).first(arguments) { try $0.decodeIfPresent(T.self, at: 0) }
        return value ?? nil
    }

    /// Runs a script of several statements with no bound values: migrations and pragmas.
    /// Never pass text that contains outside data; use `execute` with arguments for that.
    public func executeScript(_ sql: String) throws {
        let connection = try openConnection()
        let code = sqlite3_exec(connection, sql, nil, nil, nil)
        let threadError = errno
        guard code == SQLITE_OK else {
            throw StoreError.failure(path: path, code: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                                     message: String(cString: sqlite3_errmsg(connection)), sql: sql,
                                     connection: connection, threadError: threadError)
        }
    }

    /// The rowid of the last successful INSERT on this connection
    /// (<https://www.sqlite.org/c3ref/last_insert_rowid.html>); 0 when closed.
    public var lastInsertRowID: Int64 {
        connection.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE (<https://www.sqlite.org/c3ref/changes.html>).
    public var changes: Int {
        connection.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Rows changed since the connection opened.
    public var totalChanges: Int {
        connection.map { Int(sqlite3_total_changes64($0)) } ?? 0
    }
}
