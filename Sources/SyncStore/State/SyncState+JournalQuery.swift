extension SyncState {
    /// Journal rows matching every filter of `query`, in ascending seq order: the
    /// newest `limit` rows (`query.newest`), or the oldest `limit` rows after
    /// `query.afterSeq` (following the journal).
    ///
    /// `record` is answered from the indexes on crm_id, prm_id and link_id (plus the
    /// links holding the id, and the outcomes of the rows found), so it stays fast on
    /// a journal of millions of rows. Every value is bound; none is spliced into the SQL.
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
            conditions.append("seq IN (SELECT seq FROM matched)")
            arguments.append(.text(record))
        }
        if let mapping = query.mapping {
            conditions.append("mapping = ?")
            arguments.append(.text(mapping))
        }
        if let since = query.since {
            conditions.append("at >= ?")
            arguments.append(.integer(since))
        }
        if let until = query.until {
            conditions.append("at < ?")
            arguments.append(.integer(until))
        }
        if let operation = query.operation {
            conditions.append("operation = ?")
            arguments.append(.text(operation))
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments.append(.text(status.rawValue))
        }
        if let after = query.afterSeq {
            conditions.append("seq > ?")
            arguments.append(.integer(after))
        }
        if let through = query.throughSeq {
            conditions.append("seq <= ?")
            arguments.append(.integer(through))
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments.append(.integer(Int64(max(0, query.limit))))
        let order = query.newest ? "DESC" : "ASC"
        let rows = try database.query(prefix + "SELECT \(StateColumns.journal) FROM journal\(filter) ORDER BY seq \(order) LIMIT ?",
                                      arguments, StateColumns.journalRow)
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
