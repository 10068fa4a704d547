import SyncCore

extension SyncState {
    // MARK: Reads

    /// The link with this id.
    public func link(id: String) throws -> LinkRecord? {
        try database.first("SELECT \(StateColumns.link) FROM links WHERE id = ?", [.text(id)], StateColumns.linkRecord)
    }

    /// The links of a mapping that hold `recordID` on `side`, newest first (at most one
    /// is live: `active` or `flagged`).
    public func links(mapping: String, side: Side, recordID: String) throws -> [LinkRecord] {
        let column = side == .crm ? "crm_id" : "prm_id"
        return try database.query("""
            SELECT \(StateColumns.link) FROM links WHERE \(column) = ? AND mapping = ? ORDER BY updated_at DESC, id
            """, [.text(recordID), .text(mapping)], StateColumns.linkRecord)
    }

    /// The live (`active` or `flagged`) link of a record, if any.
    public func liveLink(mapping: String, side: Side, recordID: String) throws -> LinkRecord? {
        try links(mapping: mapping, side: side, recordID: recordID).first { $0.status == .active || $0.status == .flagged }
    }

    /// Every link, in any mapping, whose id, CRM id or PRM id is `id` (what `show` finds).
    public func links(matching id: String) throws -> [LinkRecord] {
        try database.query("""
            SELECT \(StateColumns.link) FROM links WHERE id = ? OR crm_id = ? OR prm_id = ? ORDER BY mapping, created_at, id
            """, [.text(id), .text(id), .text(id)], StateColumns.linkRecord)
    }

    /// The shadow of a link.
    public func shadow(linkID: String) throws -> ShadowRecord? {
        try database.first("SELECT \(StateColumns.shadow) FROM shadows WHERE link_id = ?", [.text(linkID)],
                           StateColumns.shadowRecord)
    }

    // MARK: Writes (inside a batch's transaction)

    /// Inserts or updates a link by id. An `active` link supersedes `review` links of
    /// either of its records (they become `unlinked`) and closes its `ambiguousLink`
    /// and `channel` conflicts.
    func upsertLink(_ link: LinkRecord, now: Int64) throws {
        try database.execute("""
            INSERT INTO links (id, mapping, crm_id, prm_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET mapping = excluded.mapping, crm_id = excluded.crm_id,
                prm_id = excluded.prm_id, status = excluded.status, updated_at = excluded.updated_at
            """, [.text(link.id), .text(link.mapping), .optional(link.crmID), .optional(link.prmID),
                  .text(link.status.rawValue), .integer(now), .integer(now)])
        guard link.status == .active else { return }
        for side in Side.allCases {
            guard let id = side == .crm ? link.crmID : link.prmID else { continue }
            try database.execute(Self.supersedeReviewsSQL(side), [.integer(now), .text(id), .text(link.mapping), .text(link.id)])
        }
        // Looked for first: the UPDATE builds two temporary b-trees each time it runs
        // (the IN list, and a first pass over rows whose `state` it changes), and a new
        // link almost never has such a conflict.
        guard try database.scalar(Self.linkConflictsOpenSQL, [.text(link.id)], as: Int.self) != nil else { return }
        try database.execute("""
            UPDATE conflicts SET state = 'closed', closed_at = ?
            WHERE link_id = ? AND kind IN ('ambiguousLink', 'channel') AND state <> 'closed'
            """, [.integer(now), .text(link.id)])
    }

    /// Review links of the record on `side` become `unlinked`. `+status`: with the index on
    /// (mapping, status) SQLite walked every review link of the mapping, in two passes (it
    /// changes `status`), instead of seeking the record's links by id.
    static func supersedeReviewsSQL(_ side: Side) -> String {
        """
        UPDATE links SET status = 'unlinked', updated_at = ?
        WHERE \(side == .crm ? "crm_id" : "prm_id") = ? AND mapping = ? AND +status = 'review' AND id <> ?
        """
    }

    /// Whether the link has an open ambiguous-link or channel conflict (`+kind`: seek by
    /// link id, then test the kind, with no temporary b-tree for a list of kinds).
    static let linkConflictsOpenSQL = """
        SELECT 1 FROM conflicts WHERE link_id = ? AND state <> 'closed'
            AND (+kind = 'ambiguousLink' OR +kind = 'channel') LIMIT 1
        """

    /// Fills the id of a side that was still to be created, unless another live link
    /// already holds that id (then the link is left as it is rather than failing
    /// the outcome's transaction after the remote accepted the write).
    func fillLinkID(linkID: String, side: Side, id: String, now: Int64) throws {
        let column = side == .crm ? "crm_id" : "prm_id"
        try database.execute("""
            UPDATE OR IGNORE links SET \(column) = ?, updated_at = ? WHERE id = ? AND \(column) IS NULL
            """, [.text(id), .integer(now), .text(linkID)])
    }

    /// Inserts or replaces a link's shadow.
    func saveShadow(_ shadow: ShadowRecord, now: Int64) throws {
        try database.execute("""
            INSERT INTO shadows (link_id, crm_values, prm_values, crm_modified_at, prm_modified_at, crm_hash, prm_hash,
                                 crm_awaits_echo, prm_awaits_echo, conflict_fields, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (link_id) DO UPDATE SET crm_values = excluded.crm_values, prm_values = excluded.prm_values,
                crm_modified_at = excluded.crm_modified_at, prm_modified_at = excluded.prm_modified_at,
                crm_hash = excluded.crm_hash, prm_hash = excluded.prm_hash, crm_awaits_echo = excluded.crm_awaits_echo,
                prm_awaits_echo = excluded.prm_awaits_echo, conflict_fields = excluded.conflict_fields,
                updated_at = excluded.updated_at
            """, [.text(shadow.linkID), .text(shadow.crmValues), .text(shadow.prmValues), .optional(shadow.crmModifiedAt),
                  .optional(shadow.prmModifiedAt), .text(ContentHash.hex(shadow.crmValues)),
                  .text(ContentHash.hex(shadow.prmValues)), .init(shadow.crmAwaitsEcho), .init(shadow.prmAwaitsEcho),
                  .text(StringList.encode(shadow.conflictFields)), .integer(now)])
    }
}
