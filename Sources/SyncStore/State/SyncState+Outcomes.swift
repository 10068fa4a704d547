import SyncCore

extension SyncState {
    /// Step 3 of the write protocol: appends, in ONE transaction, an outcome row for
    /// every intent row of each write, fills the link's id for an applied create,
    /// opens, updates or closes the write's failure, and applies the batch's link
    /// upserts and shadows.
    ///
    /// An outcome for a write that is not pending (unknown, or already final) fails
    /// the whole batch with `StateError.writeNotPending`: recording an outcome twice
    /// would be a bug in the caller, and the journal must not hide it.
    public func recordOutcomes(_ batch: OutcomeBatch, cycle: Int64? = nil) throws {
        for outcome in batch.outcomes where outcome.status == .pending {
            throw StateError.invalidDraft(reason: "the outcome of write \(outcome.writeID) cannot be pending")
        }
        let now = clock()
        try database.inTransaction(.immediate) { _ in
            for outcome in batch.outcomes {
                if let memo = memos[outcome.writeID] {
                    try settle(Self.counted(memo.write, outcome), rows: memo.rows, status: outcome.status,
                               remoteID: outcome.remoteID, refusal: outcome.refusal, detail: outcome.detail,
                               cycle: cycle ?? memo.cycleID, now: now)
                    continue
                }
                guard let write = try writeHead(id: outcome.writeID), write.isPending else {
                    throw StateError.writeNotPending(writeID: outcome.writeID)
                }
                try settle(Self.counted(write, outcome), status: outcome.status, remoteID: outcome.remoteID,
                           refusal: outcome.refusal, detail: outcome.detail, cycle: cycle ?? write.cycleID, now: now)
            }
            for link in batch.links { try upsertLink(link, now: now) }
            for shadow in batch.shadows { try saveShadow(shadow, now: now) }
            return .commit
        }
        for outcome in batch.outcomes { memos[outcome.writeID] = nil }
    }

    /// The write as its outcome is recorded: one that did not count as an attempt is
    /// journaled (and its failure kept) at the attempts made before it.
    private static func counted(_ write: WriteRecord, _ outcome: OutcomeDraft) -> WriteRecord {
        guard !outcome.countsAttempt else { return write }
        var write = write
        write.attempt = max(0, write.attempt - 1)
        return write
    }

    /// The write with this id.
    public func write(id: Int64) throws -> WriteRecord? {
        try database.first("SELECT \(StateColumns.write) FROM writes WHERE id = ?", [.integer(id)],
                           StateColumns.writeRecord)
    }

    /// The write without its payload.
    func writeHead(id: Int64) throws -> WriteRecord? {
        try database.first("SELECT \(StateColumns.writeHead) FROM writes WHERE id = ?", [.integer(id)],
                           StateColumns.writeRecord)
    }

    /// Appends the outcome rows of one pending write and applies what follows from
    /// them. Runs inside the caller's transaction.
    ///
    /// An outcome row copies its intent row (mapping, link, ids, direction, operation,
    /// rule), fills the written side's id with the remote's id, and names the intent in
    /// `intent_seq`. It is stamped `now`, or its intent's time if that is later (a clock
    /// stepped back, or intents stamped by a cycle clock ahead of this store's): an
    /// outcome never reads as older than its intent. The intent rows come from the memo
    /// when there is one (`rows`), else they are copied in SQL. Marking the write settled is conditional, so a
    /// write settled meanwhile fails the batch instead of getting two outcomes.
    func settle(_ write: WriteRecord, rows: [IntentMemo.Row]? = nil, status: JournalRow.Status, remoteID: String?,
                refusal: RemoteRefusal?, detail: String?, cycle: Int64?, now: Int64) throws {
        guard let first = write.intentSeqs.first, let last = write.intentSeqs.last else {
            throw StateError.writeNotPending(writeID: write.id)
        }
        let failing = status == .failed || status == .dead
        let error = failing ? (refusal ?? RemoteRefusal(message: "failed without an error message")).summary : nil
        let filled = status == .applied ? remoteID : nil
        let firstOutcome: Int64
        if let rows {
            var seqs: [Int64] = []
            for row in rows {
                var entry = JournalDraft(mapping: write.mapping, linkID: row.linkID, crmID: row.crmID, prmID: row.prmID,
                                         direction: row.direction, operation: row.operation, rule: row.rule, detail: detail)
                if write.side == .crm, entry.crmID == nil { entry.crmID = filled }
                if write.side == .prm, entry.prmID == nil { entry.prmID = filled }
                seqs.append(try appendRow(entry, status: status, cycle: cycle, writeID: write.id, intentSeq: row.seq,
                                          error: error, attempt: write.attempt, now: max(now, row.at)))
            }
            guard let seq = seqs.first else { throw StateError.writeNotPending(writeID: write.id) }
            firstOutcome = seq
        } else {
            firstOutcome = try copyOutcomes(write, first: first, last: last, status: status, filled: filled, error: error,
                                            detail: detail, cycle: cycle, now: now)
        }
        try database.execute("UPDATE writes SET outcome_seq = ? WHERE id = ? AND outcome_seq IS NULL",
                             [.integer(firstOutcome), .integer(write.id)])
        guard database.changes == 1 else { throw StateError.writeNotPending(writeID: write.id) }
        if status == .applied, write.operation == .create, let remoteID, let linkID = write.linkID {
            try fillLinkID(linkID: linkID, side: write.side, id: remoteID, now: now)
        }
        if failing || write.retryOf != nil {
            try updateFailure(for: write, status: status, refusal: refusal, now: now)
        }
    }

    /// Copies the pending intent rows of `write` as outcome rows, in SQL; returns the
    /// first outcome's seq.
    private func copyOutcomes(_ write: WriteRecord, first: Int64, last: Int64, status: JournalRow.Status, filled: String?,
                              error: String?, detail: String?, cycle: Int64?, now: Int64) throws -> Int64 {
        let filled = DatabaseValue.optional(filled)
        try database.execute("""
            INSERT INTO journal (at, cycle_id, mapping, link_id, crm_id, prm_id, direction, operation, rule, changes,
                                 detail, status, write_id, intent_seq, error, attempt)
            SELECT max(?, at), ?, mapping, link_id,
                   CASE WHEN ? = 'crm' THEN coalesce(crm_id, ?) ELSE crm_id END,
                   CASE WHEN ? = 'prm' THEN coalesce(prm_id, ?) ELSE prm_id END,
                   direction, operation, rule, NULL, ?, ?, write_id, seq, ?, attempt
            FROM journal WHERE seq BETWEEN ? AND ? AND write_id = ? AND status = 'pending' ORDER BY seq
            """, [.integer(now), .optional(cycle), .side(write.side), filled, .side(write.side), filled, .optional(detail),
                  .text(status.rawValue), .optional(error), .integer(first), .integer(last), .integer(write.id)])
        let copied = database.changes
        guard copied > 0 else { throw StateError.writeNotPending(writeID: write.id) }
        // The copies of one statement get consecutive seqs; the first is the write's outcome.
        return database.lastInsertRowID - Int64(copied - 1)
    }

    private func updateFailure(for write: WriteRecord, status: JournalRow.Status, refusal: RemoteRefusal?,
                               now: Int64) throws {
        let refusal = refusal ?? RemoteRefusal(message: "failed without an error message")
        let payload = try database.scalar("SELECT payload FROM writes WHERE id = ?", [.integer(write.id)], as: String.self) ?? "{}"
        switch (status, write.retryOf) {
        case (.applied, let failureID?), (.skipped, let failureID?):
            try database.execute("UPDATE failures SET state = 'closed', closed_at = ?, write_id = ? WHERE id = ?",
                                 [.integer(now), .integer(write.id), .integer(failureID)])
        case (.failed, let failureID?), (.dead, let failureID?):
            try database.execute("""
                UPDATE failures SET state = ?, write_id = ?, payload = ?, http_status = ?, error_code = ?, error = ?,
                    attempts = ?, last_failed_at = ?
                WHERE id = ?
                """, [.text(status == .dead ? "dead" : "retry"), .integer(write.id), .text(payload),
                      .optional(refusal.httpStatus), .optional(refusal.code), .text(refusal.message),
                      .integer(Int64(write.attempt)), .integer(now), .integer(failureID)])
        case (.failed, nil), (.dead, nil):
            // The ids as the first intent row names them.
            let ids = try database.first("SELECT crm_id, prm_id FROM journal WHERE seq = ?",
                                         [.integer(write.intentSeqs.first ?? 0)]) { (try $0.optionalText(0), try $0.optionalText(1)) }
            try database.execute("""
                INSERT INTO failures (mapping, write_id, first_write_id, link_id, crm_id, prm_id, side, operation, payload,
                                      http_status, error_code, error, attempts, state, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(write.mapping), .integer(write.id), .integer(write.id), .optional(write.linkID),
                      .optional(ids?.0 ?? nil), .optional(ids?.1 ?? nil), .side(write.side),
                      .text(write.operation.rawValue), .text(payload), .optional(refusal.httpStatus),
                      .optional(refusal.code), .text(refusal.message), .integer(Int64(write.attempt)),
                      .text(status == .dead ? "dead" : "retry"), .integer(now), .integer(now)])
        default:
            return
        }
    }
}
