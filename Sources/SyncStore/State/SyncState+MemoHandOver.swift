/// Intents committed on one connection whose outcomes another connection records: the
/// cycle records a plan chunk on its own thread and hands the chunk's writes to a sender
/// thread with a connection of its own (one connection per thread). Carrying the memos
/// spares the sender reading every intent back (`recordOutcomes` falls back to that).
public struct IntentMemos: Sendable {
    let memos: [IntentMemo]
}

extension SyncState {
    /// Removes the memos of `writeIDs` from this connection, for `adopt` on another.
    public func takeMemos(writeIDs: [Int64]) -> IntentMemos {
        var taken: [IntentMemo] = []
        taken.reserveCapacity(writeIDs.count)
        for id in writeIDs {
            if let memo = memos.removeValue(forKey: id) { taken.append(memo) }
        }
        return IntentMemos(memos: taken)
    }

    /// Takes memos made on another connection of the same database (`takeMemos`).
    public func adopt(_ handed: IntentMemos) {
        if memos.count + handed.memos.count > IntentMemo.capacity { memos.removeAll() }
        for memo in handed.memos { memos[memo.writeID] = memo }
    }

    /// A second read-write connection to this database, with the same clock: for a
    /// thread of the same process that writes its own transactions (a `SyncState` is
    /// never shared across threads). Its page cache is a quarter of the daemon's: it
    /// only records outcomes and shadows, and both caches count against the memory budget.
    public func sibling(busyTimeout: Duration = .seconds(30)) throws -> SyncState {
        try SyncState.open(path: database.path, busyTimeout: busyTimeout, clock: clock, cacheKiB: SyncState.cacheKiB / 4)
    }
}
