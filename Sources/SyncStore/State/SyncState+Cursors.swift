import SyncCore

extension SyncState {
    /// The saved cursor of a mapping's side.
    public func cursor(mapping: String, side: Side) throws -> CursorRecord? {
        try database.first("SELECT \(StateColumns.cursor) FROM cursors WHERE mapping = ? AND side = ?",
                           [.text(mapping), .side(side)], StateColumns.cursorRecord)
    }

    /// Step 4 of the write protocol: saves where the next pull of `side` starts.
    ///
    /// Refused with `StateError.pendingIntents` while the mapping has any write without
    /// an outcome (checked under the write lock): a cursor ahead of an unfinished write
    /// would skip the change that caused it if the process died now. `value` is the
    /// connector's cursor as JSON text; `highWater` its modification time, for `status`.
    public func saveCursor(mapping: String, side: Side, value: String, highWater: Int64?) throws {
        let now = clock()
        try database.inTransaction(.immediate) { db in
            let pending = try db.scalar("SELECT count(*) FROM writes WHERE mapping = ? AND outcome_seq IS NULL",
                                        [.text(mapping)], as: Int.self) ?? 0
            guard pending == 0 else { throw StateError.pendingIntents(mapping: mapping, count: pending) }
            try db.execute("""
                INSERT INTO cursors (mapping, side, value, high_water, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (mapping, side) DO UPDATE SET value = excluded.value, high_water = excluded.high_water,
                    updated_at = excluded.updated_at
                """, [.text(mapping), .side(side), .text(value), .optional(highWater), .integer(now)])
            return .commit
        }
    }
}
