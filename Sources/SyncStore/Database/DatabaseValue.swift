import Foundation

/// One SQLite value, by storage class (<https://www.sqlite.org/datatype3.html>).
///
/// This is the only currency for bound parameters: SQL text carries `?` placeholders
/// and values travel separately, so no value can ever change the meaning of a statement.
public enum DatabaseValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// The value of any convertible type.
    public init(_ value: some DatabaseValueConvertible) {
        self = value.databaseValue
    }

    /// NULL for nil, else the wrapped value.
    public init(_ value: (some DatabaseValueConvertible)?) {
        self = value?.databaseValue ?? .null
    }

    /// The SQLite storage-class name, for error messages (never the value itself).
    public var storageClass: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
