import SyncCore

extension SyncState {
    /// Ids per statement of the batched reads. Every statement binds exactly this many
    /// (a short list is padded with its last id, which `IN` ignores), so each read is one
    /// cached statement whatever the count.
    public static let batchSize = 200

    /// `links(mapping:side:recordID:)` for many records at once: the links of a mapping
    /// that hold each of `recordIDs` on `side`, newest first per record. A record with no
    /// link has no key. A cycle reads the links of every changed record; one query per
    /// record was a tenth of a steady cycle's CPU.
    public func links(mapping: String, side: Side, recordIDs: [String]) throws -> [String: [LinkRecord]] {
        let column = side == .crm ? "crm_id" : "prm_id"
        let sql = """
            SELECT \(StateColumns.link) FROM links WHERE \(column) IN (\(Self.placeholders)) AND mapping = ?
            ORDER BY \(column), updated_at DESC, id
            """
        var found: [String: [LinkRecord]] = [:]
        try Self.inBatches(recordIDs) { ids in
            for record in try database.query(sql, ids + [.text(mapping)], StateColumns.linkRecord) {
                guard let id = side == .crm ? record.crmID : record.prmID else { continue }
                found[id, default: []].append(record)
            }
        }
        return found
    }

    /// `shadow(linkID:)` for many links at once, by link id; a link without a shadow has
    /// no key.
    public func shadows(linkIDs: [String]) throws -> [String: ShadowRecord] {
        let sql = "SELECT \(StateColumns.shadow) FROM shadows WHERE link_id IN (\(Self.placeholders))"
        var found: [String: ShadowRecord] = [:]
        try Self.inBatches(linkIDs) { ids in
            for record in try database.query(sql, ids, StateColumns.shadowRecord) { found[record.linkID] = record }
        }
        return found
    }

    private static let placeholders = Array(repeating: "?", count: batchSize).joined(separator: ", ")

    /// Calls `body` with the ids as bound values, `batchSize` at a time (the last batch
    /// padded with its last id).
    private static func inBatches(_ ids: [String], _ body: ([DatabaseValue]) throws -> Void) throws {
        var start = 0
        while start < ids.count {
            let end = min(start + batchSize, ids.count)
            var values = ids[start..<end].map(DatabaseValue.text)
            if let last = values.last, values.count < batchSize {
                values += Array(repeating: last, count: batchSize - values.count)
            }
            try body(values)
            start = end
        }
    }
}
