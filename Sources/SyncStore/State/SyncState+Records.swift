import SyncCore

extension SyncState {
    /// Saves records seen on a side (upsert by mapping, side and id) with their match
    /// keys, in one transaction: the index the reconciler's candidate lookup reads.
    /// Records equal to their stored row (values, external id, time, deleted flag and
    /// match keys) are not written again: a complete scan delivers every record on every
    /// pass, and most are unchanged. Of a changed record only what changed is written: an
    /// unchanged external id leaves the `records_external` index alone, unchanged match
    /// keys leave `record_keys` alone (each is a page of a large index to read and write).
    /// `seen_at` is when a row last changed. A long list is compared and written a slice
    /// at a time (`recordsSlice`), in the one transaction.
    ///
    /// `leavingRowsOf`: ids whose row, if there is one, is left as it is — records of an
    /// active link, which a cycle reconciles from memory. Their rows are read by nothing
    /// while the link lives (candidates are unlinked records), and rewriting a random row
    /// of a large index for every changed linked record was a fifth of a steady cycle's
    /// CPU; the link's shadow holds that side as last synced instead. So the row of a
    /// linked record may lag behind it: `knownRecords` takes the shadow where that is
    /// newer, and a cycle that ends a link writes its records' rows anew
    /// (`SyncCycle.refreshIndex`). A record with no row yet gets one.
    public func saveRecords(_ records: [RecordSnapshot], leavingRowsOf linked: Set<String> = []) throws {
        guard !records.isEmpty else { return }
        let now = clock()
        try database.inTransaction(.immediate) { db in
            for start in stride(from: 0, to: records.count, by: Self.recordsSlice) {
                try saveChanged(Array(records[start..<min(start + Self.recordsSlice, records.count)]), leaving: linked,
                                db: db, now: now)
            }
            return .commit
        }
    }

    /// Records compared and written together: the pages a slice's stored rows were read
    /// from are still in the connection's page cache when its updates write them (a pull
    /// writer's cache, an eighth of the cycle's, holds ≈ 1,000 pages; a Salesforce page
    /// brings 2,000 records, each on pages of its own in a large index).
    static let recordsSlice = 256

    private func saveChanged(_ records: [RecordSnapshot], leaving linked: Set<String>, db: Database, now: Int64) throws {
        for (record, stored) in try changedRecords(records, leaving: linked) {
            if let stored, stored.externalID == record.externalID {
                try db.execute("""
                    UPDATE records SET modified_at = ?, values_json = ?, deleted = ?, seen_at = ?
                    WHERE mapping = ? AND side = ? AND id = ?
                    """, [.integer(record.modifiedAt), .text(record.values), .init(record.deleted), .integer(now),
                          .text(record.mapping), .side(record.side), .text(record.id)])
            } else {
                try db.execute("""
                    INSERT INTO records (mapping, side, id, external_id, modified_at, values_json, deleted, seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (mapping, side, id) DO UPDATE SET external_id = excluded.external_id,
                        modified_at = excluded.modified_at, values_json = excluded.values_json,
                        deleted = excluded.deleted, seen_at = excluded.seen_at
                    """, [.text(record.mapping), .side(record.side), .text(record.id), .optional(record.externalID),
                          .integer(record.modifiedAt), .text(record.values), .init(record.deleted), .integer(now)])
            }
            let keys = record.deleted ? [:] : record.matchKeys
            if let stored, stored.matchKeys == keys { continue }
            if stored != nil {
                try db.execute("DELETE FROM record_keys WHERE mapping = ? AND side = ? AND record_id = ?",
                               [.text(record.mapping), .side(record.side), .text(record.id)])
            }
            for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
                try db.execute("""
                    INSERT OR IGNORE INTO record_keys (mapping, side, key, value, record_id) VALUES (?, ?, ?, ?, ?)
                    """, [.text(record.mapping), .side(record.side), .text(key), .text(value), .text(record.id)])
            }
        }
    }

    /// The records to write, each with its stored row (nil for a record new to the
    /// index): the last one given per record, unless the store holds it already, read
    /// with one query per mapping and side. Of `linked` ids only whether a row exists is
    /// read (no values or match keys): one that does is left alone.
    private func changedRecords(_ records: [RecordSnapshot],
                                leaving linked: Set<String>) throws -> [(record: RecordSnapshot, stored: RecordSnapshot?)] {
        struct Key: Hashable {
            let mapping: String
            let side: Side
            let id: String
        }
        var last: [Key: Int] = [:]
        for (index, record) in records.enumerated() {
            last[Key(mapping: record.mapping, side: record.side, id: record.id)] = index
        }
        var groups: [Key: (compared: [String], linked: [String])] = [:]
        for key in last.keys {
            let group = Key(mapping: key.mapping, side: key.side, id: "")
            if linked.contains(key.id) {
                groups[group, default: ([], [])].linked.append(key.id)
            } else {
                groups[group, default: ([], [])].compared.append(key.id)
            }
        }
        var stored: [Key: RecordSnapshot] = [:]
        var left: Set<Key> = []
        for (group, ids) in groups {
            for (id, record) in try storedRecords(mapping: group.mapping, side: group.side, ids: ids.compared) {
                stored[Key(mapping: group.mapping, side: group.side, id: id)] = record
            }
            for id in try existingRecordIDs(mapping: group.mapping, side: group.side, ids: ids.linked) {
                left.insert(Key(mapping: group.mapping, side: group.side, id: id))
            }
        }
        return records.indices.compactMap { index in
            let record = records[index]
            let key = Key(mapping: record.mapping, side: record.side, id: record.id)
            guard last[key] == index, !left.contains(key) else { return nil }
            let row = stored[key]
            return row == record ? nil : (record, row)
        }
    }

    /// Which of `ids` have a row on `side`, read from the primary key's index alone (no
    /// table page: a random one per record). A row marked deleted counts too: a record in
    /// an active link is not one a complete scan missed (that ends or flags its link).
    private func existingRecordIDs(mapping: String, side: Side, ids: [String]) throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try database.query(Self.existingRecordIDsSQL, [.text(Self.idList(ids)), .text(mapping), .side(side)]) {
            try $0.text(0)
        }
    }

    /// SQL of `existingRecordIDs`.
    static let existingRecordIDsSQL = """
        SELECT r.id FROM json_each(?) j CROSS JOIN records r ON r.mapping = ? AND r.side = ? AND r.id = j.value
        """

    /// Whether the records index holds a record of `side` that is not deleted.
    public func holdsRecords(mapping: String, side: Side) throws -> Bool {
        try database.first("SELECT 1 FROM records WHERE mapping = ? AND side = ? AND deleted = 0 LIMIT 1",
                           [.text(mapping), .side(side)]) { _ in true } ?? false
    }

    /// A record seen on `side` that is in no live (`active`/`flagged`) link.
    public func unlinkedRecord(mapping: String, side: Side, id: String) throws -> RecordSnapshot? {
        try database.first("""
            SELECT \(StateColumns.record) FROM records r
            WHERE r.mapping = ? AND r.side = ? AND r.id = ? AND r.deleted = 0 AND \(Self.notLive(side))
            """, [.text(mapping), .side(side), .text(id)], StateColumns.recordSnapshot)
    }

    /// Unlinked records on `side` whose external-id field holds `externalID`.
    public func unlinkedRecords(mapping: String, side: Side, externalID: String) throws -> [RecordSnapshot] {
        try database.query(Self.byExternalIDSQL(side), [.text(mapping), .side(side), .text(externalID)],
                           StateColumns.recordSnapshot)
    }

    /// Unlinked records on `side` whose match key `key` has the normalized `value`.
    public func unlinkedRecords(mapping: String, side: Side, matchKey key: String, value: String) throws -> [RecordSnapshot] {
        try database.query(Self.byMatchKeySQL(side), [.text(mapping), .side(side), .text(key), .text(value)],
                           StateColumns.recordSnapshot)
    }

    // The candidate lookups run once per unlinked record a cycle reconciles. `ORDER BY +r.id`,
    // not `r.id`: ordering by the primary key lets SQLite's planner walk the whole side in key
    // order to skip a sort, testing each record (it did, for both: a lookup cost a scan of every
    // record of the side); with `+` it seeks the few matching rows and sorts those.

    /// SQL of `unlinkedRecords(mapping:side:externalID:)`.
    static func byExternalIDSQL(_ side: Side) -> String {
        """
        SELECT \(StateColumns.record) FROM records r
        WHERE r.mapping = ? AND r.side = ? AND r.external_id = ? AND r.deleted = 0 AND \(notLive(side))
        ORDER BY +r.id
        """
    }

    /// SQL of `unlinkedRecords(mapping:side:matchKey:value:)`.
    static func byMatchKeySQL(_ side: Side) -> String {
        """
        SELECT r.mapping, r.side, r.id, r.external_id, r.modified_at, r.values_json, r.deleted
        FROM record_keys k JOIN records r ON r.mapping = k.mapping AND r.side = k.side AND r.id = k.record_id
        WHERE k.mapping = ? AND k.side = ? AND k.key = ? AND k.value = ? AND r.deleted = 0 AND \(notLive(side))
        ORDER BY +r.id
        """
    }

    /// SQL: record `r` on `side` is in no live link of its mapping.
    private static func notLive(_ side: Side) -> String {
        let column = side == .crm ? "crm_id" : "prm_id"
        return """
            NOT EXISTS (SELECT 1 FROM links l WHERE l.\(column) = r.id AND l.mapping = r.mapping
                        AND l.status IN ('active', 'flagged'))
            """
    }
}
