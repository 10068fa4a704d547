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
            SELECT l.\(column), l.id, s.\(values), s.\(modified) FROM links l JOIN shadows s ON s.link_id = l.id
            WHERE l.mapping = ? AND l.status = 'active' AND l.\(column) IN (SELECT value FROM json_each(?))
            """, [.text(mapping), .text(Self.idList(recordIDs))]) { row in
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
        let list = DatabaseValue.text(Self.idList(ids))
        var stored: [String: RecordSnapshot] = [:]
        for record in try database.query("""
            SELECT \(StateColumns.record) FROM records
            WHERE mapping = ? AND side = ? AND id IN (SELECT value FROM json_each(?))
            """, [.text(mapping), .side(side), list], StateColumns.recordSnapshot) {
            stored[record.id] = record
        }
        let keys = try database.query("""
            SELECT record_id, key, value FROM record_keys
            WHERE mapping = ? AND side = ? AND record_id IN (SELECT value FROM json_each(?))
            """, [.text(mapping), .side(side), list]) { (try $0.text(0), try $0.text(1), try $0.text(2)) }
        for (id, key, value) in keys { stored[id]?.matchKeys[key] = value }
        return stored
    }

    /// Ids as a JSON array, the one parameter of an `IN (SELECT value FROM json_each(?))`.
    static func idList(_ ids: [String]) -> String {
        JSONWriter.string(.array(ids.map { .string($0) }))
    }
}
