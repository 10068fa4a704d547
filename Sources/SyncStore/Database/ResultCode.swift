import CSQLite

/// An SQLite result code, primary or extended.
///
/// Extended codes carry the primary code in their low byte
/// (<https://www.sqlite.org/rescode.html>), so `~=` lets callers match either
/// broadly or precisely:
///
/// ```swift
/// switch code {
/// case .constraintUnique: …   // only UNIQUE violations
/// case .constraint: …         // any constraint violation
/// default: …
/// }
/// ```
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code (low 8 bits) of an extended code; a primary code is its own primary.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// Whether this is a primary code (matches every extended code with the same low byte).
    public var isPrimary: Bool { rawValue == rawValue & 0xFF }

    /// A primary code matches every extended code of its family; two extended codes
    /// match only when equal. Symmetric, so `code ~= .busy` and `.busy ~= code` agree.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isPrimary || code.isPrimary ? pattern.primary == code.primary : pattern == code
    }

    /// Whether this code is `family` or one of its extended codes (`~=` as a method).
    public func matches(_ family: ResultCode) -> Bool {
        self ~= family
    }

    /// `SQLITE_BUSY_SNAPSHOT (517)`: the symbolic name when known, and the number.
    public var description: String {
        if let name = Self.names[rawValue] { return "\(name) (\(rawValue))" }
        if let name = Self.names[primary.rawValue] { return "\(name) extended (\(rawValue))" }
        return "SQLite result code \(rawValue)"
    }

    // Primary codes.
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let `internal` = ResultCode(rawValue: SQLITE_INTERNAL)
    public static let permission = ResultCode(rawValue: SQLITE_PERM)
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let noMemory = ResultCode(rawValue: SQLITE_NOMEM)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let interrupt = ResultCode(rawValue: SQLITE_INTERRUPT)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let `protocol` = ResultCode(rawValue: SQLITE_PROTOCOL)
    public static let schema = ResultCode(rawValue: SQLITE_SCHEMA)
    public static let tooBig = ResultCode(rawValue: SQLITE_TOOBIG)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)
    public static let notADatabase = ResultCode(rawValue: SQLITE_NOTADB)
    public static let row = ResultCode(rawValue: SQLITE_ROW)
    public static let done = ResultCode(rawValue: SQLITE_DONE)

    // Extended codes callers are likely to match on.
    public static let busyRecovery = ResultCode(rawValue: SQLITE_BUSY | (1 << 8))
    public static let busySnapshot = ResultCode(rawValue: SQLITE_BUSY | (2 << 8))
    public static let busyTimeout = ResultCode(rawValue: SQLITE_BUSY | (3 << 8))
    public static let readOnlyRecovery = ResultCode(rawValue: SQLITE_READONLY | (1 << 8))
    public static let readOnlyCantLock = ResultCode(rawValue: SQLITE_READONLY | (2 << 8))
    public static let readOnlyRollback = ResultCode(rawValue: SQLITE_READONLY | (3 << 8))
    public static let readOnlyDBMoved = ResultCode(rawValue: SQLITE_READONLY | (4 << 8))
    public static let readOnlyCantInit = ResultCode(rawValue: SQLITE_READONLY | (5 << 8))
    public static let readOnlyDirectory = ResultCode(rawValue: SQLITE_READONLY | (6 << 8))
    public static let ioErrorWrite = ResultCode(rawValue: SQLITE_IOERR | (3 << 8))
    public static let ioErrorFsync = ResultCode(rawValue: SQLITE_IOERR | (4 << 8))
    public static let ioErrorTruncate = ResultCode(rawValue: SQLITE_IOERR | (6 << 8))
    public static let ioErrorShmSize = ResultCode(rawValue: SQLITE_IOERR | (19 << 8))
    public static let corruptVirtualTable = ResultCode(rawValue: SQLITE_CORRUPT | (1 << 8))
    public static let cantOpenIsDirectory = ResultCode(rawValue: SQLITE_CANTOPEN | (2 << 8))
    public static let cantOpenFullPath = ResultCode(rawValue: SQLITE_CANTOPEN | (3 << 8))
    public static let constraintCheck = ResultCode(rawValue: SQLITE_CONSTRAINT | (1 << 8))
    public static let constraintForeignKey = ResultCode(rawValue: SQLITE_CONSTRAINT | (3 << 8))
    public static let constraintNotNull = ResultCode(rawValue: SQLITE_CONSTRAINT | (5 << 8))
    public static let constraintPrimaryKey = ResultCode(rawValue: SQLITE_CONSTRAINT | (6 << 8))
    public static let constraintUnique = ResultCode(rawValue: SQLITE_CONSTRAINT | (8 << 8))
    public static let constraintRowID = ResultCode(rawValue: SQLITE_CONSTRAINT | (10 << 8))
    public static let constraintDataType = ResultCode(rawValue: SQLITE_CONSTRAINT | (12 << 8))

    private static let names: [Int32: String] = [
        SQLITE_OK: "SQLITE_OK", SQLITE_ERROR: "SQLITE_ERROR", SQLITE_INTERNAL: "SQLITE_INTERNAL",
        SQLITE_PERM: "SQLITE_PERM", SQLITE_ABORT: "SQLITE_ABORT", SQLITE_BUSY: "SQLITE_BUSY",
        SQLITE_LOCKED: "SQLITE_LOCKED", SQLITE_NOMEM: "SQLITE_NOMEM", SQLITE_READONLY: "SQLITE_READONLY",
        SQLITE_INTERRUPT: "SQLITE_INTERRUPT", SQLITE_IOERR: "SQLITE_IOERR", SQLITE_CORRUPT: "SQLITE_CORRUPT",
        SQLITE_FULL: "SQLITE_FULL", SQLITE_CANTOPEN: "SQLITE_CANTOPEN", SQLITE_PROTOCOL: "SQLITE_PROTOCOL",
        SQLITE_SCHEMA: "SQLITE_SCHEMA", SQLITE_TOOBIG: "SQLITE_TOOBIG", SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT",
        SQLITE_MISMATCH: "SQLITE_MISMATCH", SQLITE_MISUSE: "SQLITE_MISUSE", SQLITE_RANGE: "SQLITE_RANGE",
        SQLITE_NOTADB: "SQLITE_NOTADB", SQLITE_ROW: "SQLITE_ROW", SQLITE_DONE: "SQLITE_DONE",
        SQLITE_BUSY | (1 << 8): "SQLITE_BUSY_RECOVERY", SQLITE_BUSY | (2 << 8): "SQLITE_BUSY_SNAPSHOT",
        SQLITE_BUSY | (3 << 8): "SQLITE_BUSY_TIMEOUT",
        SQLITE_READONLY | (1 << 8): "SQLITE_READONLY_RECOVERY",
        SQLITE_READONLY | (2 << 8): "SQLITE_READONLY_CANTLOCK",
        SQLITE_READONLY | (3 << 8): "SQLITE_READONLY_ROLLBACK",
        SQLITE_READONLY | (4 << 8): "SQLITE_READONLY_DBMOVED",
        SQLITE_READONLY | (5 << 8): "SQLITE_READONLY_CANTINIT",
        SQLITE_READONLY | (6 << 8): "SQLITE_READONLY_DIRECTORY",
        SQLITE_IOERR | (1 << 8): "SQLITE_IOERR_READ", SQLITE_IOERR | (2 << 8): "SQLITE_IOERR_SHORT_READ",
        SQLITE_IOERR | (3 << 8): "SQLITE_IOERR_WRITE", SQLITE_IOERR | (4 << 8): "SQLITE_IOERR_FSYNC",
        SQLITE_IOERR | (5 << 8): "SQLITE_IOERR_DIR_FSYNC", SQLITE_IOERR | (6 << 8): "SQLITE_IOERR_TRUNCATE",
        SQLITE_IOERR | (19 << 8): "SQLITE_IOERR_SHMSIZE",
        SQLITE_CORRUPT | (1 << 8): "SQLITE_CORRUPT_VTAB",
        SQLITE_CANTOPEN | (2 << 8): "SQLITE_CANTOPEN_ISDIR",
        SQLITE_CANTOPEN | (3 << 8): "SQLITE_CANTOPEN_FULLPATH",
        SQLITE_CONSTRAINT | (1 << 8): "SQLITE_CONSTRAINT_CHECK",
        SQLITE_CONSTRAINT | (3 << 8): "SQLITE_CONSTRAINT_FOREIGNKEY",
        SQLITE_CONSTRAINT | (5 << 8): "SQLITE_CONSTRAINT_NOTNULL",
        SQLITE_CONSTRAINT | (6 << 8): "SQLITE_CONSTRAINT_PRIMARYKEY",
        SQLITE_CONSTRAINT | (8 << 8): "SQLITE_CONSTRAINT_UNIQUE",
        SQLITE_CONSTRAINT | (10 << 8): "SQLITE_CONSTRAINT_ROWID",
        SQLITE_CONSTRAINT | (12 << 8): "SQLITE_CONSTRAINT_DATATYPE",
    ]
}
