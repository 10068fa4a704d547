import CSQLite

extension Database {
    /// Process-wide SQLite settings, applied once before the first connection opens (the
    /// library initializes then; `sqlite3_config` is refused afterwards).
    ///
    /// Memory statistics off: with them on (the default), every allocation SQLite makes
    /// takes one process-wide mutex to count it, and Debian's build has no lookaside
    /// allocator, so the daemon's three connections (cycle, sender, outcome writer), each
    /// on its own thread, queued on that mutex for every row
    /// (<https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus>).
    /// Nothing here reads those statistics. A refusal (another part of the process
    /// initialized SQLite first) leaves the default, which is only slower.
    static let libraryConfigured: Void = {
        _ = csqlite_config_memstatus(0)
    }()
}

extension Database {
    /// Whether SQLite counts the memory it allocates (false once `libraryConfigured` took).
    static var libraryCountsMemory: Bool {
        var current: Int64 = 0
        var highwater: Int64 = 0
        guard sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &current, &highwater, 0) == SQLITE_OK else { return true }
        return highwater > 0
    }
}
