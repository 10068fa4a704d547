extension SyncState {
    /// Appends one journal row; returns its seq. Runs inside the caller's transaction.
    func appendRow(_ entry: JournalDraft, status: JournalRow.Status, cycle: Int64?, writeID: Int64? = nil,
                   intentSeq: Int64? = nil, error: String? = nil, attempt: Int = 1, now: Int64) throws -> Int64 {
        try database.execute("""
            INSERT INTO journal (at, cycle_id, mapping, link_id, crm_id, prm_id, direction, operation, rule, changes,
                                 detail, status, write_id, intent_seq, error, attempt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .integer(entry.at ?? now), .optional(cycle), .text(entry.mapping), .optional(entry.linkID),
                .optional(entry.crmID), .optional(entry.prmID), .text(entry.direction.rawValue), .text(entry.operation),
                .optional(entry.rule), .optional(entry.changes), .optional(entry.detail), .text(status.rawValue),
                .optional(writeID), .optional(intentSeq), .optional(error), .integer(Int64(attempt)),
            ])
        return database.lastInsertRowID
    }

    /// Journals decisions that need no remote write, each with its final status, in
    /// one transaction; returns their seqs.
    @discardableResult
    public func recordDecisions(_ decisions: [DecisionDraft], cycle: Int64? = nil) throws -> [Int64] {
        let report = try recordPlan(PlanBatch(decisions: decisions), cycle: cycle)
        return report.decisionSeqs
    }
}
