extension SyncState {
    /// Another read-write connection to this database, with the same clock: for a thread
    /// of the same process that writes its own transactions (a `SyncState` is never
    /// shared across threads). Its page cache is `1 / cacheShare` of the daemon's (every
    /// cache counts against the memory budget; these connections mostly write).
    ///
    /// `checkpoints: false` leaves copying the WAL into the database to the connections
    /// that do (`PRAGMA wal_autocheckpoint = 0` on this one): for a short-lived
    /// connection on the cycle's critical path, while another thread beside it commits
    /// anyway. The daemon's own connection always checkpoints (it commits at the end of
    /// every cycle), so the WAL is copied back at least once a cycle.
    public func sibling(busyTimeout: Duration = .seconds(30), cacheShare: Int = 4,
                        checkpoints: Bool = true) throws -> SyncState {
        let state = try SyncState.open(path: database.path, busyTimeout: busyTimeout, clock: clock,
                                       cacheKiB: SyncState.cacheKiB / max(1, cacheShare))
        if !checkpoints {
            do {
                try state.database.executeScript("PRAGMA wal_autocheckpoint = 0")
            } catch {
                try? state.close()
                throw error
            }
        }
        return state
    }
}
