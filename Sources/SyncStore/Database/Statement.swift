import CSQLite
import Foundation

/// A prepared SQLite statement: SQL compiled once, run many times with fresh bound values.
///
/// Reuse is what makes batched journal writes cheap: preparing is the expensive part of a
/// small INSERT, so hot paths keep a `Statement` (or use `Database.cachedStatement`) and
/// only bind and step. Values are always bound (<https://www.sqlite.org/c3ref/bind_blob.html>),
/// never spliced into the SQL text.
///
/// Not `Sendable`: it belongs to its `Database` and that database's queue. It is finalized
/// when the database closes; using it afterwards throws `StoreError.closed`.
public final class Statement {
    /// The SQL text, with `?` placeholders.
    public let sql: String
    /// The number of `?` placeholders, i.e. how many values every run must bind.
    public let parameterCount: Int
    /// The number of result columns (0 for statements that return no rows).
    public let columnCount: Int

    private(set) var handle: OpaquePointer?
    let path: String
    /// True while stepping, so a cached statement is never reset under a running loop.
    private(set) var isRunning = false
    /// Bumped on every step so a `Row` kept past its step is detected instead of read.
    private(set) var rowGeneration: UInt64 = 0

    init(connection: OpaquePointer, path: String, sql: String, persistent: Bool) throws {
        self.sql = sql
        self.path = path
        var statement: OpaquePointer?
        var trailing = false
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        var threadError: Int32 = 0
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            threadError = errno
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                trailing = Self.holdsStatement(connection, tail)
            }
            return code
        }
        guard code == SQLITE_OK else {
            let failure = StoreError.failure(path: path, code: ResultCode(rawValue: code),
                                             message: String(cString: sqlite3_errmsg(connection)), sql: sql,
                                             connection: connection, threadError: threadError)
            sqlite3_finalize(statement)
            throw failure
        }
        guard let statement else {
            throw StoreError.sqlite(path: path, code: .misuse, message: "no SQL statement in the text", sql: sql)
        }
        guard !trailing else {
            sqlite3_finalize(statement)
            throw StoreError.multipleStatements(sql: sql)
        }
        self.handle = statement
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
        self.columnCount = Int(sqlite3_column_count(statement))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether text after the first statement holds another one (not just spaces or comments).
    private static func holdsStatement(_ connection: OpaquePointer, _ text: UnsafePointer<CChar>) -> Bool {
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, text, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        return code != SQLITE_OK || next != nil
    }

    /// Releases the compiled statement; later use throws `StoreError.closed`.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// Runs the statement to completion, for INSERT/UPDATE/DELETE/DDL.
    public func execute(_ arguments: [DatabaseValue] = []) throws {
        try run(arguments) { _ in }
    }

    /// Runs the statement and calls `body` for each row. The `Row` is valid only inside
    /// `body`; map it to a value rather than keeping it.
    public func forEach(_ arguments: [DatabaseValue] = [], _ body: (Row) throws -> Void) throws {
        try run(arguments, body)
    }

    /// Every row, mapped.
    public func query<T>(_ arguments: [DatabaseValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var results: [T] = []
        try run(arguments) { results.append(try map($0)) }
        return results
    }

    /// The first row, mapped, or nil when there is none. Stops stepping after it.
    public func first<T>(_ arguments: [DatabaseValue] = [], _ map: (Row) throws -> T) throws -> T? {
        var result: T?
        try run(arguments, stopAfterFirst: true) { result = try map($0) }
        return result
    }

    private func run(_ arguments: [DatabaseValue], stopAfterFirst: Bool = false,
                     _ body: (Row) throws -> Void) throws {
        guard let handle else { throw StoreError.closed(path: path) }
        guard !isRunning else {
            throw StoreError.sqlite(path: path, code: .misuse,
                                    message: "statement is already running (re-entrant use)", sql: sql)
        }
        isRunning = true
        defer {
            // Reset at once: an unreset statement keeps its read snapshot open, which in
            // WAL mode holds back checkpoints (https://www.sqlite.org/wal.html#ckpt).
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            isRunning = false
        }
        try bind(arguments, to: handle)
        while true {
            let code = sqlite3_step(handle)
            rowGeneration &+= 1
            switch code {
            case SQLITE_ROW:
                try body(Row(statement: self, generation: rowGeneration))
                if stopAfterFirst { return }
            case SQLITE_DONE:
                return
            default:
                throw failure(code)
            }
        }
    }

    private func bind(_ arguments: [DatabaseValue], to handle: OpaquePointer) throws {
        guard arguments.count == parameterCount else {
            throw StoreError.argumentCount(sql: sql, expected: parameterCount, given: arguments.count)
        }
        for (offset, value) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case let .integer(number):
                code = sqlite3_bind_int64(handle, index, number)
            case let .real(number):
                code = sqlite3_bind_double(handle, index, number)
            case let .text(text):
                code = Self.bindText(text, handle, index)
            case let .blob(bytes):
                code = bytes.withUnsafeBytes { buffer in
                    // A nil pointer would bind NULL, so an empty blob is a zero-length blob.
                    guard let base = buffer.baseAddress, buffer.count > 0 else {
                        return sqlite3_bind_zeroblob(handle, index, 0)
                    }
                    return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(buffer.count), csqlite_transient())
                }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
    }

    /// Binds the exact UTF-8 bytes (embedded NULs included); "" stays "" and not NULL.
    private static func bindText(_ text: String, _ handle: OpaquePointer, _ index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
            }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                sqlite3_bind_text64(handle, index, characters, sqlite3_uint64(buffer.count),
                                    csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
    }

    /// The error for a failed step or bind, with SQLite's message for this connection.
    func failure(_ code: Int32) -> StoreError {
        let threadError = errno  // first: nothing below may overwrite what the failed call left
        let connection = handle.flatMap { sqlite3_db_handle($0) }
        let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        return .failure(path: path, code: ResultCode(rawValue: extended), message: message, sql: sql,
                        connection: connection, threadError: threadError)
    }
}
