/// The sync state's tables, as numbered migrations (see `Migrator`).
///
/// Conventions: STRICT tables; times are epoch milliseconds (`INTEGER`); values the
/// store does not interpret (canonical values, payloads, cursors, field changes) are
/// JSON text written by the caller's encoder. `json_valid()` cannot guard them in a
/// CHECK: SQLite 3.40 does not mark the JSON functions innocuous, and every connection
/// runs with `trusted_schema=OFF`.
///
/// Shipped migrations are never edited; a change is a new id.
public enum StateSchema {
    /// Every migration this build knows, in id order.
    public static let migrations: [Migration] = [initial, leadRouting, channelConflicts, checkComparisons]

    /// The migrator for `migrations` (the list is a constant, so it is always valid).
    public static func migrator() throws -> Migrator {
        try Migrator(migrations)
    }

    /// The newest migration id: what `PRAGMA user_version` reads on an up-to-date file.
    public static var version: Int { migrations.map(\.id).max() ?? 0 }

    static let initial = Migration(id: 1, name: "sync state", sql: """
        -- One row per CRM/PRM pair. `id` is chosen by the store (SyncState.makeLinkID).
        -- An id is NULL while that side's record is still to be created.
        CREATE TABLE links (
            id TEXT PRIMARY KEY NOT NULL,
            mapping TEXT NOT NULL,
            crm_id TEXT,
            prm_id TEXT,
            status TEXT NOT NULL CHECK (status IN ('active', 'deleted', 'flagged', 'review', 'unlinked')),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX links_crm ON links (crm_id, mapping) WHERE crm_id IS NOT NULL;
        CREATE INDEX links_prm ON links (prm_id, mapping) WHERE prm_id IS NOT NULL;
        CREATE INDEX links_mapping ON links (mapping, status);
        -- A record is in at most one live link of a mapping.
        CREATE UNIQUE INDEX links_crm_live ON links (mapping, crm_id)
            WHERE crm_id IS NOT NULL AND status IN ('active', 'flagged');
        CREATE UNIQUE INDEX links_prm_live ON links (mapping, prm_id)
            WHERE prm_id IS NOT NULL AND status IN ('active', 'flagged');

        -- The last values both sides agreed on, per side, with modification times,
        -- content hashes of the values JSON, and whether a write to that side has not
        -- been read back yet (the reconciler's Shadow).
        CREATE TABLE shadows (
            link_id TEXT PRIMARY KEY NOT NULL REFERENCES links (id) ON DELETE CASCADE,
            crm_values TEXT NOT NULL,
            prm_values TEXT NOT NULL,
            crm_modified_at INTEGER,
            prm_modified_at INTEGER,
            crm_hash TEXT NOT NULL,
            prm_hash TEXT NOT NULL,
            crm_awaits_echo INTEGER NOT NULL DEFAULT 0 CHECK (crm_awaits_echo IN (0, 1)),
            prm_awaits_echo INTEGER NOT NULL DEFAULT 0 CHECK (prm_awaits_echo IN (0, 1)),
            conflict_fields TEXT NOT NULL DEFAULT '[]',
            updated_at INTEGER NOT NULL
        ) STRICT;

        -- Where the next pull of a mapping starts on each side. `value` is the
        -- connector's cursor as JSON; `high_water` its modification time, for `status`.
        CREATE TABLE cursors (
            mapping TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('crm', 'prm')),
            value TEXT NOT NULL,
            high_water INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (mapping, side)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE cycles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mapping TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER,
            result TEXT NOT NULL CHECK (result IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
            error TEXT,
            pulled_crm INTEGER NOT NULL DEFAULT 0,
            pulled_prm INTEGER NOT NULL DEFAULT 0,
            written_crm INTEGER NOT NULL DEFAULT 0,
            written_prm INTEGER NOT NULL DEFAULT 0,
            conflicts INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX cycles_mapping ON cycles (mapping, id);
        CREATE INDEX cycles_running ON cycles (mapping) WHERE result = 'running';

        -- API calls per remote in one cycle, and the quota the remote last reported.
        CREATE TABLE cycle_remotes (
            cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
            remote TEXT NOT NULL,
            requests INTEGER NOT NULL,
            throttled INTEGER NOT NULL,
            quota_used INTEGER,
            quota_limit INTEGER,
            PRIMARY KEY (cycle_id, remote)
        ) STRICT, WITHOUT ROWID;

        -- One remote write, as planned: its payload is what a restart needs to look the
        -- record up (by `external_id`) or to send it again. The journal's intent rows
        -- for it are seq first_seq ..< first_seq + intent_count (appended right after
        -- this row, in the same transaction); `outcome_seq` stays NULL
        -- until the outcome rows are appended (same transaction), so the partial index
        -- writes_pending is the index of pending intents.
        CREATE TABLE writes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mapping TEXT NOT NULL,
            cycle_id INTEGER,
            link_id TEXT,
            side TEXT NOT NULL CHECK (side IN ('crm', 'prm')),
            operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
            record_id TEXT,
            external_id TEXT,
            payload TEXT NOT NULL,
            attempt INTEGER NOT NULL CHECK (attempt >= 1),
            retry_of INTEGER,
            first_seq INTEGER NOT NULL,
            intent_count INTEGER NOT NULL CHECK (intent_count >= 1),
            outcome_seq INTEGER,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX writes_pending ON writes (mapping, id) WHERE outcome_seq IS NULL;

        -- Append-only history. An intent is a `pending` row with `write_id`; its outcome
        -- is a later row (applied|failed|dead|skipped) with `intent_seq` = the intent's seq.
        -- Decisions without a remote write are appended with a final status directly.
        -- `seq` is the rowid without AUTOINCREMENT: each new row gets max(seq) + 1, and
        -- `db prune` never deletes the newest row, so seqs are never reused.
        -- Rows are found by record through the id indexes, which hold every row but
        -- outcomes; an outcome is found through its intent (journal_outcomes). That
        -- keeps the two index inserts an outcome row would cost out of the hot path.
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            cycle_id INTEGER,
            mapping TEXT NOT NULL,
            link_id TEXT,
            crm_id TEXT,
            prm_id TEXT,
            direction TEXT NOT NULL CHECK (direction IN ('toCRM', 'toPRM', 'none')),
            operation TEXT NOT NULL,
            rule TEXT,
            changes TEXT,
            detail TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'failed', 'dead', 'skipped')),
            write_id INTEGER,
            intent_seq INTEGER,
            error TEXT,
            attempt INTEGER NOT NULL DEFAULT 1,
            CHECK (status <> 'pending' OR (write_id IS NOT NULL AND intent_seq IS NULL)),
            CHECK (intent_seq IS NULL OR (write_id IS NOT NULL AND status <> 'pending'))
        ) STRICT;
        CREATE INDEX journal_crm ON journal (crm_id) WHERE intent_seq IS NULL AND crm_id IS NOT NULL;
        CREATE INDEX journal_prm ON journal (prm_id) WHERE intent_seq IS NULL AND prm_id IS NOT NULL;
        CREATE INDEX journal_link ON journal (link_id) WHERE intent_seq IS NULL AND link_id IS NOT NULL;
        CREATE INDEX journal_outcomes ON journal (intent_seq) WHERE intent_seq IS NOT NULL;
        CREATE INDEX journal_at ON journal (at);
        -- Rare statuses ops filter by (`journal --status failed|dead`), indexed on their own.
        CREATE INDEX journal_failed ON journal (seq) WHERE status = 'failed';
        CREATE INDEX journal_dead ON journal (seq) WHERE status = 'dead';
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'journal rows are append-only');
        END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'journal rows are append-only (retention: channelsync db prune)');
        END;

        -- Decisions waiting for ops. `state`: open → resolved (ops chose; applied on the
        -- next cycle) → closed (the reconciler applied it, or the sides agree again).
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mapping TEXT NOT NULL,
            link_id TEXT NOT NULL,
            crm_id TEXT,
            prm_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('field', 'deleteVsEdit', 'ambiguousLink')),
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
        CREATE UNIQUE INDEX conflicts_live ON conflicts (link_id, kind, coalesce(field, ''))
            WHERE state <> 'closed';
        CREATE INDEX conflicts_state ON conflicts (state, mapping);

        -- Writes that did not succeed, one row per problem (a retry that fails again
        -- updates it). `retry`: resent automatically; `dead`: waits for ops
        -- (`channelsync retry`); `requeued`: ops asked for a resend; `closed`: done.
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            mapping TEXT NOT NULL,
            write_id INTEGER NOT NULL,
            first_write_id INTEGER NOT NULL,
            link_id TEXT,
            crm_id TEXT,
            prm_id TEXT,
            side TEXT NOT NULL CHECK (side IN ('crm', 'prm')),
            operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
            payload TEXT NOT NULL,
            http_status INTEGER,
            error_code TEXT,
            error TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('retry', 'dead', 'requeued', 'closed')),
            first_failed_at INTEGER NOT NULL,
            last_failed_at INTEGER NOT NULL,
            requeued_at INTEGER,
            requeued_by TEXT,
            closed_at INTEGER
        ) STRICT;
        CREATE INDEX failures_open ON failures (mapping, state) WHERE state <> 'closed';
        CREATE INDEX failures_link ON failures (link_id) WHERE link_id IS NOT NULL;

        -- Records seen on each side, for linking unlinked records by external id or
        -- by match key (the reconciler's candidate lookup).
        CREATE TABLE records (
            mapping TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('crm', 'prm')),
            id TEXT NOT NULL,
            external_id TEXT,
            modified_at INTEGER NOT NULL,
            values_json TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (mapping, side, id)
        ) STRICT;
        CREATE INDEX records_external ON records (mapping, side, external_id) WHERE external_id IS NOT NULL;
        CREATE TABLE record_keys (
            mapping TEXT NOT NULL,
            side TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            record_id TEXT NOT NULL,
            PRIMARY KEY (mapping, side, key, value, record_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX record_keys_record ON record_keys (mapping, side, record_id);
        """)
}
