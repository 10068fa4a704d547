extension StateSchema {
    /// Conflict kind `channel` (a deal registration matched another record's end
    /// customer). SQLite cannot change a CHECK in place: the table is rebuilt with the
    /// same columns and rows (ids kept), then its indexes
    /// (<https://www.sqlite.org/lang_altertable.html#otheralter>). Nothing references
    /// `conflicts`, so no foreign key is affected.
    static let channelConflicts = Migration(id: 3, name: "channel conflicts", sql: """
        CREATE TABLE conflicts_new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mapping TEXT NOT NULL,
            link_id TEXT NOT NULL,
            crm_id TEXT,
            prm_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('field', 'deleteVsEdit', 'ambiguousLink', 'channel')),
            field TEXT,
            base TEXT,
            crm_value TEXT,
            prm_value TEXT,
            deleted_side TEXT CHECK (deleted_side IS NULL OR deleted_side IN ('crm', 'prm')),
            candidates TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL CHECK (state IN ('open', 'resolved', 'closed')),
            opened_at INTEGER NOT NULL,
            resolution_take TEXT CHECK (resolution_take IS NULL OR resolution_take IN ('crm', 'prm', 'value')),
            resolution TEXT,
            resolved_at INTEGER,
            resolved_by TEXT,
            closed_at INTEGER
        ) STRICT;
        INSERT INTO conflicts_new SELECT id, mapping, link_id, crm_id, prm_id, kind, field, base, crm_value, prm_value,
            deleted_side, candidates, state, opened_at, resolution_take, resolution, resolved_at, resolved_by, closed_at
            FROM conflicts;
        DROP TABLE conflicts;
        ALTER TABLE conflicts_new RENAME TO conflicts;
        CREATE UNIQUE INDEX conflicts_live ON conflicts (link_id, kind, coalesce(field, ''))
            WHERE state <> 'closed';
        CREATE INDEX conflicts_state ON conflicts (state, mapping);
        """)
}
