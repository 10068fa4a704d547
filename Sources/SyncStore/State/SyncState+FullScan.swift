import SyncCore

/// What a sync cycle needs when a pull read a whole object (`completeScan`): every
/// record known on that side, so that one missing from the scan is seen as a hard
/// delete. (Added by the cycle's branch, on top of the store's own API.)
extension SyncState {
    /// The ids on `side` held by a live (`active` or `flagged`) link of `mapping`.
    public func liveLinkedIDs(mapping: String, side: Side) throws -> Set<String> {
        let column = side == .crm ? "crm_id" : "prm_id"
        let ids = try database.query("""
            SELECT \(column) FROM links WHERE mapping = ? AND status IN ('active', 'flagged') AND \(column) IS NOT NULL
            """, [.text(mapping)]) { try $0.text(0) }
        return Set(ids)
    }

    /// The ids of records seen on `side` and not known to be deleted.
    public func knownRecordIDs(mapping: String, side: Side) throws -> Set<String> {
        let ids = try database.query("SELECT id FROM records WHERE mapping = ? AND side = ? AND deleted = 0",
                                     [.text(mapping), .side(side)]) { try $0.text(0) }
        return Set(ids)
    }

    /// Marks records as deleted on their side (gone from a complete scan), so they are
    /// no longer offered as link candidates; their match keys are dropped.
    public func markRecordsDeleted(mapping: String, side: Side, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        let now = clock()
        try database.inTransaction(.immediate) { db in
            for id in ids {
                try db.execute("UPDATE records SET deleted = 1, seen_at = ? WHERE mapping = ? AND side = ? AND id = ?",
                               [.integer(now), .text(mapping), .side(side), .text(id)])
                try db.execute("DELETE FROM record_keys WHERE mapping = ? AND side = ? AND record_id = ?",
                               [.text(mapping), .side(side), .text(id)])
            }
            return .commit
        }
    }
}
