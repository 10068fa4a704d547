extension SyncState {
    /// `channelsync db check`: SQLite's integrity and foreign-key checks, the schema
    /// version, and the journal's own invariants. Reads only (works read-only, while
    /// the daemon writes). Reads every page: slow on a big journal, by nature.
    public func check(maxProblems: Int = 100) throws -> StateCheckReport {
        let status = try StateSchema.migrator().status(of: database)
        let integrity = try database.integrityCheck(maxProblems: maxProblems)
        let foreignKeys = Array(try database.foreignKeyViolations().prefix(maxProblems))
        var invariants: [String] = []
        if status.databaseVersion == StateSchema.version {
            invariants = try stateInvariants()
        }
        return StateCheckReport(schemaVersion: status.databaseVersion, expectedSchemaVersion: StateSchema.version,
                                integrity: integrity, foreignKeys: foreignKeys, invariants: invariants,
                                journalRows: try journalCount(), pendingIntents: try pendingIntentCount())
    }

    private func stateInvariants() throws -> [String] {
        var problems: [String] = []
        let triggers = Set(try database.query("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'journal'") {
            try $0.text(0)
        })
        for name in ["journal_no_update", "journal_no_delete"] where !triggers.contains(name) {
            problems.append("trigger \(name) is missing: the journal is not protected against \(name == "journal_no_update" ? "updates" : "deletes")")
        }
        let checks: [(String, String)] = [
            ("outcome rows whose intent row is missing or not an intent", """
                SELECT count(*) FROM journal o WHERE o.intent_seq IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM journal i WHERE i.seq = o.intent_seq AND i.status = 'pending'
                                AND i.write_id = o.write_id)
                """),
            ("intents with more than one outcome row", """
                SELECT count(*) FROM (SELECT intent_seq FROM journal WHERE intent_seq IS NOT NULL
                                      GROUP BY intent_seq HAVING count(*) > 1)
                """),
            ("pending writes that already have outcome rows", """
                SELECT count(*) FROM writes w WHERE w.outcome_seq IS NULL
                AND EXISTS (SELECT 1 FROM journal o WHERE o.intent_seq BETWEEN w.first_seq AND w.first_seq + w.intent_count - 1)
                """),
            ("pending writes without their intent rows", """
                SELECT count(*) FROM writes w WHERE w.outcome_seq IS NULL
                AND NOT EXISTS (SELECT 1 FROM journal i WHERE i.seq = w.first_seq AND i.write_id = w.id AND i.status = 'pending')
                """),
            ("final writes whose outcome row is missing", """
                SELECT count(*) FROM writes w WHERE w.outcome_seq IS NOT NULL
                AND EXISTS (SELECT 1 FROM journal i WHERE i.seq = w.first_seq)
                AND NOT EXISTS (SELECT 1 FROM journal o WHERE o.seq = w.outcome_seq AND o.write_id = w.id)
                """),
        ]
        for (what, sql) in checks {
            let count = try database.scalar(sql, as: Int.self) ?? 0
            if count > 0 { problems.append("\(count) \(what)") }
        }
        return problems
    }
}
