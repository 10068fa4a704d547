extension SyncState {
    /// Journal rows matching every filter of `query`, in ascending seq order: the
    /// newest `limit` rows (`query.newest`), or the oldest `limit` rows after
    /// `query.afterSeq` (following the journal).
    ///
    /// `record` is answered from the indexes on crm_id, prm_id and link_id (plus the
    /// links holding the id, and the outcomes of the rows found), so it stays fast on
    /// a journal of millions of rows. Every value is bound; none is spliced into the SQL.
    ///
    /// `status: .pending` means intents still waiting for an outcome; every intent read
    /// carries `outcomeSeq` once its write is settled.
    public func journal(_ query: JournalQuery) throws -> [JournalRow] {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        var prefix = ""
        if let record = query.record {
            // ?1 is the record; the plain `?` after it number on from 2.
            prefix = """
                WITH hits(seq) AS (
                    SELECT seq FROM journal WHERE crm_id = ?1 AND intent_seq IS NULL
                    UNION SELECT seq FROM journal WHERE prm_id = ?1 AND intent_seq IS NULL
                    UNION SELECT seq FROM journal WHERE link_id = ?1 AND intent_seq IS NULL
                    UNION SELECT seq FROM journal WHERE intent_seq IS NULL AND link_id IN
                        (SELECT id FROM links WHERE crm_id = ?1 UNION SELECT id FROM links WHERE prm_id = ?1)),
                matched(seq) AS (
                    SELECT seq FROM hits
                    UNION SELECT seq FROM journal WHERE intent_seq IN (SELECT seq FROM hits))

                """
            conditions.append("j.seq IN (SELECT seq FROM matched)")
            arguments.append(.text(record))
        }
        if let mapping = query.mapping {
            conditions.append("j.mapping = ?")
            arguments.append(.text(mapping))
        }
        if let since = query.since {
            conditions.append("j.at >= ?")
            arguments.append(.integer(since))
        }
        if let until = query.until {
            conditions.append("j.at < ?")
            arguments.append(.integer(until))
        }
        if let operation = query.operation {
            conditions.append("j.operation = ?")
            arguments.append(.text(operation))
        }
        switch query.status {
        case .pending?:
            // Intents still waiting for their outcome (settled intents keep the status
            // `pending` in the append-only journal; their outcome row holds the result).
            // The seq bound lets SQLite start at the oldest pending intent instead of
            // scanning the whole journal.
            conditions.append("""
                j.status = 'pending' AND j.write_id IN (SELECT id FROM writes WHERE outcome_seq IS NULL)
                AND j.seq >= (SELECT coalesce(min(first_seq), 9223372036854775807) FROM writes WHERE outcome_seq IS NULL)
                """)
        case let status?:
            // A closed enum's constant, not outside text: spelled out so that the
            // partial indexes on failed and dead rows apply.
            conditions.append("j.status = '\(status.rawValue)'")
        case nil:
            break
        }
        if let after = query.afterSeq {
            conditions.append("j.seq > ?")
            arguments.append(.integer(after))
        }
        if let through = query.throughSeq {
            conditions.append("j.seq <= ?")
            arguments.append(.integer(through))
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(max(0, query.limit))))
        let order = query.newest ? "DESC" : "ASC"
        let rows = try database.query(prefix + """
            SELECT \(StateColumns.journalWithOutcome)
            FROM journal j LEFT JOIN writes w ON w.id = j.write_id AND j.status = 'pending'\(filter)
            ORDER BY j.seq \(order) LIMIT ?
            """, arguments, StateColumns.journalRowWithOutcome)
        return query.newest ? rows.reversed() : rows
    }

    /// The newest journal seq (0 for an empty journal): where `--follow` starts.
    public func lastJournalSeq() throws -> Int64 {
        try database.scalar("SELECT max(seq) FROM journal", as: Int64.self) ?? 0
    }

    /// The number of journal rows.
    public func journalCount() throws -> Int {
        try database.scalar("SELECT count(*) FROM journal", as: Int.self) ?? 0
    }
}
