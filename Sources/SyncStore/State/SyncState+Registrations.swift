import SyncCore

extension SyncState {
    /// A record of the records index with its live counterpart, if linked.
    public struct KnownRecord: Sendable, Hashable {
        public var snapshot: RecordSnapshot
        public var counterpartID: String?
    }

    /// Every live (not deleted) record seen on either side of `mapping`, with the id of
    /// its counterpart when it is in an active or flagged link: the candidates of the
    /// channel-conflict check. One scan of the mapping's index rows, handed to `body` one
    /// at a time (a mapping may hold millions; the caller keeps what it needs); the cycle
    /// reads it once, and only in a cycle that has a registration to check. A linked
    /// record's values are its shadow's for that side when the shadow is the newer (the
    /// index row of a record in an active link is not rewritten on every change: see
    /// `saveRecords`).
    public func knownRecords(mapping: String, _ body: (KnownRecord) throws -> Void) throws {
        for side in Side.allCases {
            try database.forEach(Self.knownRecordsSQL(side), [.text(mapping), .side(side)]) { row in
                try body(KnownRecord(snapshot: try StateColumns.recordSnapshot(row), counterpartID: try row.optionalText(7)))
            }
        }
    }

    /// SQL of `knownRecords` for one side: the row, or its live link's shadow where that
    /// is newer. (At most one live link per record: `links_crm_live`, `links_prm_live`.)
    static func knownRecordsSQL(_ side: Side) -> String {
        let (own, other) = side == .crm ? ("crm_id", "prm_id") : ("prm_id", "crm_id")
        let (values, modified) = side == .crm ? ("crm_values", "crm_modified_at") : ("prm_values", "prm_modified_at")
        let newer = "s.\(modified) > r.modified_at"
        return """
            SELECT r.mapping, r.side, r.id, r.external_id,
                CASE WHEN \(newer) THEN s.\(modified) ELSE r.modified_at END,
                CASE WHEN \(newer) THEN s.\(values) ELSE r.values_json END,
                r.deleted, l.\(other)
            FROM records r
            LEFT JOIN links l ON l.\(own) = r.id AND l.mapping = r.mapping AND l.status IN ('active', 'flagged')
            LEFT JOIN shadows s ON s.link_id = l.id
            WHERE r.mapping = ? AND r.side = ? AND r.deleted = 0 ORDER BY r.id
            """
    }

    /// Active links of `mapping` whose CRM shadow holds `status` in `statusField` and a
    /// date before `before` (ISO `YYYY-MM-DD`) in `dateField`: the registrations whose
    /// protection period is over. Field names are bound as JSON paths, never spliced.
    /// `among`: only these links (the ones a cycle changed since the last full check);
    /// nil reads every active link's shadow — O(links), so a cycle does that once a day.
    public func linksWithStatus(mapping: String, statusField: String, status: String, dateField: String,
                                before: String, among ids: [String]? = nil) throws -> [String] {
        if let ids, ids.isEmpty { return [] }
        return try database.query(Self.linksWithStatusSQL(among: ids != nil), (ids.map { [.text(Self.idList($0))] } ?? []) + [
            .text(mapping), .text(Self.jsonPath(statusField, "string")), .text(status),
            .text(Self.jsonPath(dateField, "date")), .text(before),
        ]) { try $0.text(0) }
    }

    /// SQL of `linksWithStatus`. The ids go in as one JSON parameter (`idList`), as for the
    /// cycle's batched reads; CROSS JOIN keeps them first: with `l.id IN (SELECT … json_each)`
    /// SQLite walked every active link of the mapping (`links_mapping`) instead.
    static func linksWithStatusSQL(among ids: Bool) -> String {
        let links = ids ? "json_each(?) j CROSS JOIN links l ON l.id = j.value" : "links l"
        return """
            SELECT l.id FROM \(links) JOIN shadows s ON s.link_id = l.id
            WHERE l.mapping = ? AND l.status = 'active'
                AND json_extract(s.crm_values, ?) = ? AND json_extract(s.crm_values, ?) < ?
            ORDER BY l.id
            """
    }

    /// `$."field".case`: a canonical value inside a stored `FieldValues` object.
    static func jsonPath(_ field: String, _ valueCase: String) -> String {
        "$.\"" + String(field.filter { $0 != "\"" }) + "\"." + valueCase
    }
}
