extension SyncState {
    /// The mapping name of journal rows about the whole store (prune).
    public static let storeWideMapping = "*"

    /// `channelsync db prune`: journal retention. Deletes journal rows older than
    /// `cutoff` (epoch ms) except
    /// - intents of writes without an outcome, and rows of a write whose outcome is
    ///   newer than the cutoff (an intent and its outcome go together);
    /// - rows of writes behind a failure that is not closed;
    /// - rows of links with a conflict or failure that is not closed;
    /// - the newest row (so a seq is never handed out twice);
    /// then the writes no journal row refers to, conflicts and failures closed before
    /// the cutoff, and cycles that ended before it (keeping each mapping's newest).
    ///
    /// One IMMEDIATE transaction drops the append-only delete trigger, deletes, and
    /// re-creates the trigger from its stored definition (DDL is transactional in
    /// SQLite), then journals what it did. A dry run counts and changes nothing.
    public func prune(olderThan cutoff: Int64, dryRun: Bool, by actor: String) throws -> PruneReport {
        let now = clock()
        guard cutoff <= now else { throw StateError.invalidCutoff(reason: "the cutoff is in the future") }
        var report = PruneReport(cutoff: cutoff, dryRun: dryRun)
        try database.inTransaction(dryRun ? .deferred : .immediate) { db in
            let candidates = try db.scalar("SELECT count(*) FROM journal WHERE at < ?1", [.integer(cutoff)], as: Int.self) ?? 0
            report.journalRows = try db.scalar("SELECT count(*) FROM journal WHERE \(Self.prunable)", [.integer(cutoff)],
                                               as: Int.self) ?? 0
            report.journalRowsKept = candidates - report.journalRows
            if dryRun {
                report.writes = try db.scalar("SELECT count(*) FROM writes WHERE \(Self.prunableWrite(afterJournalPrune: false))",
                                              [.integer(cutoff)], as: Int.self) ?? 0
                report.closedConflicts = try db.scalar("SELECT count(*) FROM conflicts WHERE \(Self.prunableConflict)",
                                                       [.integer(cutoff)], as: Int.self) ?? 0
                report.closedFailures = try db.scalar("SELECT count(*) FROM failures WHERE \(Self.prunableFailure)",
                                                      [.integer(cutoff)], as: Int.self) ?? 0
                report.cycles = try db.scalar("SELECT count(*) FROM cycles WHERE \(Self.prunableCycle)",
                                              [.integer(cutoff)], as: Int.self) ?? 0
                return .rollback
            }
            let trigger = try db.scalar("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'journal_no_delete'",
                                        as: String.self) ?? Self.journalNoDeleteTrigger
            try db.executeScript("DROP TRIGGER IF EXISTS journal_no_delete")
            try db.execute("DELETE FROM journal WHERE \(Self.prunable)", [.integer(cutoff)])
            try db.executeScript(trigger)
            try db.execute("DELETE FROM writes WHERE \(Self.prunableWrite(afterJournalPrune: true))", [.integer(cutoff)])
            report.writes = db.changes
            try db.execute("DELETE FROM conflicts WHERE \(Self.prunableConflict)", [.integer(cutoff)])
            report.closedConflicts = db.changes
            try db.execute("DELETE FROM failures WHERE \(Self.prunableFailure)", [.integer(cutoff)])
            report.closedFailures = db.changes
            try db.execute("DELETE FROM cycles WHERE \(Self.prunableCycle)", [.integer(cutoff)])
            report.cycles = db.changes
            let entry = JournalDraft(
                mapping: Self.storeWideMapping, operation: "prune",
                detail: "pruned by \(actor): \(report.journalRows) journal rows before \(cutoff) ms "
                    + "(\(report.journalRowsKept) older rows kept: pending, or tied to open conflicts/failures), "
                    + "\(report.writes) writes, \(report.closedConflicts) closed conflicts, "
                    + "\(report.closedFailures) closed failures, \(report.cycles) cycles")
            report.journalSeq = try appendRow(entry, status: .applied, cycle: nil, now: now)
            return .commit
        }
        return report
    }

    /// Journal rows `db prune` may delete; `?1` is the cutoff.
    static let prunable = """
        journal.at < ?1 AND journal.seq < (SELECT max(seq) FROM journal)
        AND NOT (journal.write_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM writes w WHERE w.id = journal.write_id AND (
                w.outcome_seq IS NULL
                OR EXISTS (SELECT 1 FROM journal o WHERE o.seq = w.outcome_seq AND o.at >= ?1)
                OR EXISTS (SELECT 1 FROM failures f WHERE f.state <> 'closed'
                           AND (f.write_id = w.id OR f.first_write_id = w.id OR f.id = w.retry_of)))))
        AND NOT (journal.link_id IS NOT NULL AND journal.link_id IN (
            SELECT link_id FROM conflicts WHERE state <> 'closed'
            UNION SELECT link_id FROM failures WHERE state <> 'closed' AND link_id IS NOT NULL))
        """

    /// Writes no journal row refers to any more (their rows go together, so the first
    /// intent row stands for all), not behind an open failure. Before the journal is
    /// pruned (a dry run), the journal condition is evaluated instead.
    static func prunableWrite(afterJournalPrune: Bool) -> String {
        let gone = afterJournalPrune
            ? "NOT EXISTS (SELECT 1 FROM journal WHERE journal.seq = writes.first_seq)"
            : "(writes.intent_count = 0 OR EXISTS (SELECT 1 FROM journal WHERE journal.seq = writes.first_seq AND \(prunable)))"
        return """
            writes.created_at < ?1 AND writes.outcome_seq IS NOT NULL AND \(gone)
            AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.state <> 'closed'
                            AND (f.write_id = writes.id OR f.first_write_id = writes.id OR f.id = writes.retry_of))
            """
    }

    static let prunableConflict = "state = 'closed' AND closed_at < ?1"
    static let prunableFailure = "state = 'closed' AND closed_at < ?1"
    static let prunableCycle = """
        ended_at < ?1 AND result <> 'running' AND id NOT IN (SELECT max(id) FROM cycles GROUP BY mapping)
        """

    /// The append-only delete trigger as migration 1 creates it, for re-creating it if
    /// somebody dropped it.
    static let journalNoDeleteTrigger = """
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN
            SELECT RAISE(ABORT, 'journal rows are append-only (retention: channelsync db prune)');
        END
        """
}
