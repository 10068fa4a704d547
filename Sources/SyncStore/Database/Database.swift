import CSQLite
import Foundation

/// One SQLite connection, configured for ChannelSync's state file.
///
/// Not `Sendable`, on purpose: a connection is used from one serial queue (its owner's,
/// or a `DatabaseQueue`), so it is opened with `SQLITE_OPEN_NOMUTEX`
/// (<https://www.sqlite.org/threadsafe.html>) and Swift's concurrency checking keeps it
/// from crossing threads. Close it explicitly with `close()`; `deinit` closes a forgotten
/// one and, in debug builds, says so on stderr.
///
/// A read-write open (the daemon) sets, and reads back to verify:
/// - `journal_mode=WAL`, so readers never block the writer and the writer never blocks
///   readers (<https://www.sqlite.org/wal.html>);
/// - `synchronous=FULL`, so a commit survives power loss
///   (<https://www.sqlite.org/pragma.html#pragma_synchronous>);
/// - `foreign_keys=ON` (off by default in SQLite, <https://www.sqlite.org/foreignkeys.html>).
///
/// Every connection also gets `trusted_schema=OFF`, defensive mode
/// (`SQLITE_DBCONFIG_DEFENSIVE`), no double-quoted string literals
/// (<https://www.sqlite.org/quirks.html#dblquote>) and extended result codes, and needs
/// SQLite 3.37 or newer for STRICT tables (<https://www.sqlite.org/stricttables.html>).
///
/// A read-only open (the ops CLI) uses `SQLITE_OPEN_READONLY` plus `PRAGMA query_only=1`,
/// so writes are refused twice over. On a WAL database a read-only connection still needs
/// the `-wal` and `-shm` files (<https://www.sqlite.org/wal.html#readonly>):
/// - if both exist and are readable, it works even when this user may not write them or
///   the directory (SQLite 3.22+ then keeps the WAL index in private heap memory, the
///   case `SQLITE_READONLY_CANTINIT` signals internally,
///   <https://www.sqlite.org/rescode.html#readonly_cantinit>);
/// - if they are missing and this user cannot create them, the open fails with
///   `StoreError.cannotOpen` naming the path and errno. The daemon avoids that by keeping
///   the files (`Options.persistentWAL`).
///
/// `immutable=1` would let such a reader in without the files, but it tells SQLite the file
/// never changes, which is false while the daemon writes (wrong results or
/// `SQLITE_CORRUPT`), so it is deliberately not used
/// (<https://www.sqlite.org/uri.html#uriimmutable>).
public final class Database {
    /// The path as given to `init`.
    public let path: String
    public let options: Options

    private(set) var connection: OpaquePointer?
    var statementCache: [StatementKey: Statement] = [:]
    /// Every statement this connection prepared, so `close()` can finalize them all.
    private var preparedStatements: [WeakStatement] = []
    private var pruneThreshold = 64

    /// SQLite 3.37.0 added STRICT tables.
    static let minimumLibraryVersion: Int32 = 3_037_000

    /// Opens (and for `.readWrite`, creates) the database at `path` and configures it.
    /// Fails with a `StoreError` naming the path for a missing, unreadable, corrupt or
    /// locked file; never leaves a half-configured connection open.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.options = options
        try Self.checkLibraryVersion(sqlite3_libversion_number())
        Self.libraryConfigured
        if options.access == .readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.databaseMissing(path: path)
        }
        let accessFlags = options.access == .readOnly
            ? SQLITE_OPEN_READONLY
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        // No SQLITE_OPEN_URI: a path is a path, `file:` and `?` get no meaning.
        let flags = accessFlags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            let reported = handle.map { sqlite3_system_errno($0) } ?? 0
            let systemError = Self.diagnoseAccess(path: path, access: options.access) ?? reported
            sqlite3_close_v2(handle)
            throw StoreError.cannotOpen(path: path, code: ResultCode(rawValue: code), message: message,
                                        systemError: systemError)
        }
        connection = handle
        do {
            // SQLite quietly opens a write-protected file read-only; the daemon must not.
            if options.access == .readWrite, sqlite3_db_readonly(handle, "main") == 1 {
                throw StoreError.cannotOpen(path: path, code: .readOnly, message: "the file is not writable",
                                            systemError: Self.diagnoseAccess(path: path, access: .readWrite) ?? EACCES)
            }
            try configure(handle)
        } catch {
            finalizeAll()
            sqlite3_close_v2(handle)
            connection = nil
            throw error
        }
    }

    deinit {
        guard let connection else { return }
        #if DEBUG
        FileHandle.standardError.write(Data("SyncStore: Database \(path) was not closed before deinit; closing it now\n".utf8))
        #endif
        finalizeAll()
        sqlite3_close_v2(connection)
    }

    /// Closes the connection after finalizing its statements. Idempotent. Afterwards
    /// every use throws `StoreError.closed`.
    public func close() throws {
        guard let connection else { return }
        finalizeAll()
        let code = sqlite3_close(connection)
        guard code == SQLITE_OK else {
            throw StoreError.sqlite(path: path, code: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(connection)), sql: nil)
        }
        self.connection = nil
    }

    /// Whether `close()` has not run yet.
    public var isOpen: Bool { connection != nil }

    /// Whether this connection was opened read-only.
    public var isReadOnly: Bool { options.access == .readOnly }

    /// The library version SQLite reports, e.g. "3.40.1".
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Why this process cannot use `path`, as an errno, or nil when nothing is visibly
    /// wrong. SQLite's own errno can mislead: after a failed read-write open it retries
    /// read-only, so a file missing in an unwritable directory reports ENOENT, not EACCES.
    static func diagnoseAccess(path: String, access mode: Options.Access) -> Int32? {
        let fileMode = mode == .readOnly ? R_OK : R_OK | W_OK
        if FileManager.default.fileExists(atPath: path) {
            if access(path, fileMode) != 0 { return errno }
            if mode == .readOnly { return nil }
        }
        // The directory must exist and be searchable, and for a writer also writable
        // (the file, -wal and -shm are created there).
        let directory = (path as NSString).deletingLastPathComponent
        let searched = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: searched, isDirectory: &isDirectory) else {
            var info = stat()
            return stat(searched, &info) != 0 ? errno : ENOENT
        }
        guard isDirectory.boolValue else { return ENOTDIR }
        let directoryMode = mode == .readOnly ? X_OK : W_OK | X_OK
        return access(searched, directoryMode) != 0 ? errno : nil
    }

    static func checkLibraryVersion(_ number: Int32) throws {
        guard number >= minimumLibraryVersion else {
            throw StoreError.unsupportedSQLite(found: versionString(number), required: versionString(minimumLibraryVersion))
        }
    }

    static func versionString(_ number: Int32) -> String {
        "\(number / 1_000_000).\(number / 1_000 % 1_000).\(number % 1_000)"
    }

    /// The open connection, or `StoreError.closed`.
    func openConnection() throws -> OpaquePointer {
        guard let connection else { throw StoreError.closed(path: path) }
        return connection
    }

    /// Prepares a statement that is not cached, for SQL run once. Finalized at `close()`
    /// at the latest.
    public func makeStatement(_ sql: String) throws -> Statement {
        let statement = try Statement(connection: openConnection(), path: path, sql: sql, persistent: false)
        register(statement)
        return statement
    }

    /// The prepared statement for `sql`, compiled on first use and reused afterwards.
    /// This is the hot path for repeated statements (journal appends, lookups). When the
    /// cached statement is busy (used inside its own row loop) a fresh one is returned.
    public func cachedStatement(_ sql: String) throws -> Statement {
        let key = StatementKey(sql: sql)
        if let cached = statementCache[key], cached.handle != nil, !cached.isRunning {
            return cached
        }
        let statement = try Statement(connection: openConnection(), path: path, sql: sql, persistent: true)
        register(statement)
        if statementCache[key]?.handle == nil {
            if statementCache.count >= options.statementCacheCapacity {
                statementCache = statementCache.filter { $0.value.isRunning }
            }
            statementCache[key] = statement
        }
        return statement
    }

    private func register(_ statement: Statement) {
        if preparedStatements.count >= pruneThreshold {
            preparedStatements.removeAll { $0.statement == nil }
            pruneThreshold = max(64, preparedStatements.count * 2)
        }
        preparedStatements.append(WeakStatement(statement: statement))
    }

    private func finalizeAll() {
        for entry in preparedStatements { entry.statement?.finalize() }
        preparedStatements.removeAll()
        statementCache.removeAll()
    }
}

/// A statement the connection tracks without keeping it alive.
private struct WeakStatement {
    weak var statement: Statement?
}

/// A connection is confined to one serial queue; see the type's documentation.
@available(*, unavailable)
extension Database: Sendable {}
