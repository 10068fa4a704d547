import CSQLite
import Foundation

/// The current result row of a running `Statement`.
///
/// Valid only inside the closure that received it: reading it after the statement moved
/// on throws instead of returning another row's data.
public struct Row {
    private let statement: Statement
    private let generation: UInt64

    init(statement: Statement, generation: UInt64) {
        self.statement = statement
        self.generation = generation
    }

    /// The number of columns.
    public var count: Int { statement.columnCount }

    /// The column's name as the SQL spelled it (`AS` alias when given).
    public func name(at index: Int) throws -> String {
        let handle = try current(index)
        return sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The raw value, in its storage class.
    public func value(at index: Int) throws -> DatabaseValue {
        let handle = try current(index)
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let bytes = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes, count > 0 else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default:
            return .null
        }
    }

    /// The column as `T`; NULL or another storage class is an error naming the column.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int) throws -> T {
        let value = try value(at: index)
        guard let decoded = T(databaseValue: value) else { throw try mismatch(index, value, T.self) }
        return decoded
    }

    /// The column as `T`, or nil for NULL; another storage class is an error.
    public func decodeIfPresent<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int) throws -> T? {
        let value = try value(at: index)
        if value.isNull { return nil }
        guard let decoded = T(databaseValue: value) else { throw try mismatch(index, value, T.self) }
        return decoded
    }

    private func mismatch<T>(_ index: Int, _ value: DatabaseValue, _ type: T.Type) throws -> StoreError {
        .columnType(sql: statement.sql, index: index, name: try name(at: index),
                    expected: String(describing: type), found: value.storageClass)
    }

    private func current(_ index: Int) throws -> OpaquePointer {
        guard let handle = statement.handle else { throw StoreError.closed(path: statement.path) }
        guard statement.isRunning, statement.rowGeneration == generation else {
            throw StoreError.sqlite(path: statement.path, code: .misuse,
                                    message: "row read after its statement moved on", sql: statement.sql)
        }
        guard index >= 0, index < statement.columnCount else {
            throw StoreError.columnOutOfRange(sql: statement.sql, index: index, count: statement.columnCount)
        }
        return handle
    }
}
