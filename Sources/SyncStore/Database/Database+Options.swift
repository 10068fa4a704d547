extension Database {
    /// How a connection is opened.
    public struct Options: Sendable {
        public enum Access: Sendable, Equatable {
            /// The daemon: creates the file, switches it to WAL, applies migrations.
            case readWrite
            /// The ops CLI: `SQLITE_OPEN_READONLY` plus `PRAGMA query_only=1`; never
            /// creates, migrates or writes, and reads while the daemon writes (WAL).
            case readOnly
        }

        public var access: Access
        /// How long a statement waits for another connection's lock before failing with
        /// `SQLITE_BUSY` (<https://www.sqlite.org/c3ref/busy_timeout.html>); zero fails at once.
        public var busyTimeout: Duration
        /// How many distinct SQL texts `cachedStatement` keeps prepared.
        public var statementCacheCapacity: Int
        /// Keep the `-wal` and `-shm` files when the last writer closes
        /// (`SQLITE_FCNTL_PERSIST_WAL`, <https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html>).
        /// A read-only reader that may not create files in the directory (another user)
        /// can open a WAL database only while both files exist
        /// (<https://www.sqlite.org/wal.html#readonly>), so the daemon keeps them.
        /// Ignored for read-only connections.
        public var persistentWAL: Bool

        public init(access: Access = .readWrite, busyTimeout: Duration = .seconds(5),
                    statementCacheCapacity: Int = 64, persistentWAL: Bool = true) {
            self.access = access
            self.busyTimeout = busyTimeout
            self.statementCacheCapacity = statementCacheCapacity
            self.persistentWAL = persistentWAL
        }

        /// The ops CLI's mode, with the default busy timeout.
        public static var readOnly: Options { Options(access: .readOnly) }

        /// The busy timeout in whole milliseconds, clamped to what SQLite accepts.
        var busyTimeoutMilliseconds: Int32 {
            let (seconds, attoseconds) = busyTimeout.components
            let milliseconds = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
            return Int32(max(0, min(Double(Int32.max), milliseconds.rounded(.up))))
        }
    }
}
