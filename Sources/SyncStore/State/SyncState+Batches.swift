import SyncCore

extension SyncState {
    /// `links(mapping:side:recordIDs:)` for many records at once: the links of a mapping
    /// that hold each of `recordIDs` on `side`, newest first per record. A record with no
    /// link has no key. A cycle reads the links of every changed record; one query per
    /// record was a tenth of a steady cycle's CPU. The ids go in as one JSON parameter
    /// (`idList`), as for the complete-scan reads, so each read is one cached statement.
    public func links(mapping: String, side: Side, recordIDs: [String]) throws -> [String: [LinkRecord]] {
        guard !recordIDs.isEmpty else { return [:] }
        let column = side == .crm ? "crm_id" : "prm_id"
        let sql = """
            SELECT \(StateColumns.link) FROM links
            WHERE \(column) IN (SELECT value FROM json_each(?)) AND mapping = ?
            ORDER BY \(column), updated_at DESC, id
            """
        var found: [String: [LinkRecord]] = [:]
        for record in try database.query(sql, [.text(Self.idList(recordIDs)), .text(mapping)], StateColumns.linkRecord) {
            guard let id = side == .crm ? record.crmID : record.prmID else { continue }
            found[id, default: []].append(record)
        }
        return found
    }

    /// `shadow(linkID:)` for many links at once, by link id; a link without a shadow has
    /// no key.
    public func shadows(linkIDs: [String]) throws -> [String: ShadowRecord] {
        guard !linkIDs.isEmpty else { return [:] }
        let sql = "SELECT \(StateColumns.shadow) FROM shadows WHERE link_id IN (SELECT value FROM json_each(?))"
        var found: [String: ShadowRecord] = [:]
        for record in try database.query(sql, [.text(Self.idList(linkIDs))], StateColumns.shadowRecord) {
            found[record.linkID] = record
        }
        return found
    }
}
