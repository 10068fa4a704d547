import SyncCore

extension SyncState {
    /// Records of the records index by id on one side, linked or not (deleted ones
    /// included), read with one query: the cycle keeps pulled records here as ids and
    /// reads them back a slice at a time when it reconciles them, so that a large pull
    /// does not hold every record in memory.
    public func indexedRecords(mapping: String, side: Side, ids: [String]) throws -> [String: RecordSnapshot] {
        guard !ids.isEmpty else { return [:] }
        var found: [String: RecordSnapshot] = [:]
        found.reserveCapacity(ids.count)
        for record in try database.query("""
            SELECT r.mapping, r.side, r.id, r.external_id, r.modified_at, r.values_json, r.deleted
            FROM json_each(?) j CROSS JOIN records r ON r.mapping = ? AND r.side = ? AND r.id = j.value
            """, [.text(Self.idList(ids)), .text(mapping), .side(side)], StateColumns.recordSnapshot) {
            found[record.id] = record
        }
        return found
    }
}
