import SyncCore

/// Page-at-a-time reads for a complete scan: one query per page, not one per record.
extension SyncState {
    /// The active links of `recordIDs` on `side` with their shadows' values of that side,
    /// by record id (a record is in at most one live link; records without an active
    /// link or without a shadow are absent).
    public func activePairShadows(mapping: String, side: Side, recordIDs: [String]) throws -> [String: ActivePairShadow] {
        guard !recordIDs.isEmpty else { return [:] }
        let (column, values, modified) = side == .crm ? ("crm_id", "crm_values", "crm_modified_at")
            : ("prm_id", "prm_values", "prm_modified_at")
        let rows = try database.query("""
            SELECT l.\(column), l.id, s.\(values), s.\(modified)
            FROM json_each(?) j CROSS JOIN links l ON l.\(column) = j.value AND l.mapping = ?
            JOIN shadows s ON s.link_id = l.id
            WHERE +l.status = 'active'
            """, [.text(Self.idList(recordIDs)), .text(mapping)]) { row in
            ActivePairShadow(recordID: try row.text(0), linkID: try row.text(1), values: try row.text(2),
                             modifiedAt: try row.optionalInt64(3))
        }
        var found: [String: ActivePairShadow] = [:]
        found.reserveCapacity(rows.count)
        for row in rows { found[row.recordID] = row }
        return found
    }

    /// A record of the records index by id, linked or not (deleted ones included).
    public func indexedRecord(mapping: String, side: Side, id: String) throws -> RecordSnapshot? {
        try database.first("SELECT \(StateColumns.record) FROM records WHERE mapping = ? AND side = ? AND id = ?",
                           [.text(mapping), .side(side), .text(id)], StateColumns.recordSnapshot)
    }

    /// The stored rows and match keys of `ids` on one side: what `saveRecords` compares a
    /// page with, so that unchanged records are not written again.
    func storedRecords(mapping: String, side: Side, ids: [String]) throws -> [String: RecordSnapshot] {
        var stored = try indexedRecords(mapping: mapping, side: side, ids: ids)
        guard !stored.isEmpty else { return stored }
        let list = DatabaseValue.text(Self.idList(ids))
        let keys = try database.query("""
            SELECT k.record_id, k.key, k.value
            FROM json_each(?) j CROSS JOIN record_keys k ON k.mapping = ? AND k.side = ? AND k.record_id = j.value
            """, [list, .text(mapping), .side(side)]) { (try $0.text(0), try $0.text(1), try $0.text(2)) }
        for (id, key, value) in keys { stored[id]?.matchKeys[key] = value }
        return stored
    }

    /// Ids as a JSON array, the one parameter of `json_each(?)`, which drives each query
    /// (`CROSS JOIN` keeps it the outer loop, so every id is one index lookup; a unary `+`
    /// keeps the planner off the `(mapping, status)` index, which would scan every link).
    static func idList(_ ids: [String]) -> String {
        JSONWriter.string(.array(ids.map { .string($0) }))
    }
}
