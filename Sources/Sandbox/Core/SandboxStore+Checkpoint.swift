/// A saved copy of one store's data (records, indexes, counters, faults), to put back
/// later: benchmarks run the daemon against seeded data, then put the same data back
/// and replay the same requests as a raw-transfer baseline.
public struct StoreCheckpoint: Sendable {
    let state: StoreState
}

extension SandboxStore {
    /// Copies the data as it is now. The live store is detached from the copy at once
    /// (not at its first write), so the cost of copying a million-record table is paid
    /// here and not by the first request that writes.
    public func checkpoint() -> StoreCheckpoint {
        transaction { state in
            let saved = StoreCheckpoint(state: state)
            state.detachStorage()
            return saved
        }
    }

    /// Puts the data of `checkpoint` back (this store's own checkpoint; another system's
    /// is ignored), detached from it at once like `checkpoint()`: the bench's raw-transfer
    /// replay runs right after a restore, and its first write must not pay for copying a
    /// million-record table inside the timed loop.
    public func restore(_ checkpoint: StoreCheckpoint) {
        guard checkpoint.state.system == system else { return }
        transaction { state in
            state = checkpoint.state
            state.detachStorage()
        }
    }
}

extension StoreState {
    /// Gives every table its own storage (see `SandboxStore.checkpoint`).
    mutating func detachStorage() {
        for name in Array(tables.keys) {
            _ = try? withTable(name) { table in table.detachStorage() }
        }
    }
}
