extension SyncState {
    /// A second read-write connection to this database, with the same clock: for a
    /// thread of the same process that writes its own transactions (a `SyncState` is
    /// never shared across threads). Its page cache is a quarter of the daemon's: it
    /// records plan chunks, outcomes and shadows, reading little, and both caches count
    /// against the memory budget.
    public func sibling(busyTimeout: Duration = .seconds(30)) throws -> SyncState {
        try SyncState.open(path: database.path, busyTimeout: busyTimeout, clock: clock, cacheKiB: SyncState.cacheKiB / 4)
    }
}
