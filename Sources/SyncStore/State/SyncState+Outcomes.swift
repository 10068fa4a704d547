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
                guard let write = try write(id: outcome.writeID), write.isPending else {
                    throw StateError.writeNotPending(writeID: outcome.writeID)
                }
                try settle(write, status: outcome.status, remoteID: outcome.remoteID, refusal: outcome.refusal,
                           detail: outcome.detail, cycle: cycle ?? write.cycleID, now: now)
            }
            for link in batch.links { try upsertLink(link, now: now) }
            for shadow in batch.shadows { try saveShadow(shadow, now: now) }
            return .commit
        }
    }

    /// The write with this id.
    public func write(id: Int64) throws -> WriteRecord? {
        try database.first("SELECT \(StateColumns.write) FROM writes WHERE id = ?", [.integer(id)],
                           StateColumns.writeRecord)
    }

    /// Appends the outcome rows of one pending write and applies what follows from
    /// them. Runs inside the caller's transaction.
    func settle(_ write: WriteRecord, status: JournalRow.Status, remoteID: String?, refusal: RemoteRefusal?,
                detail: String?, cycle: Int64?, now: Int64) throws {
        let intents = try intentRows(of: write)
        guard !intents.isEmpty else { throw StateError.writeNotPending(writeID: write.id) }
        let failing = status == .failed || status == .dead
        let error = failing ? (refusal ?? RemoteRefusal(message: "failed without an error message")).summary : nil
        var firstOutcome: Int64?
        for intent in intents {
            var entry = JournalDraft(mapping: intent.mapping, linkID: intent.linkID, crmID: intent.crmID,
                                     prmID: intent.prmID, direction: intent.direction, operation: intent.operation,
                                     rule: intent.rule, detail: detail)
            if status == .applied, let remoteID {
                if write.side == .crm, entry.crmID == nil { entry.crmID = remoteID }
                if write.side == .prm, entry.prmID == nil { entry.prmID = remoteID }
            }
            let seq = try appendRow(entry, status: status, cycle: cycle, writeID: write.id, intentSeq: intent.seq,
                                    error: error, attempt: write.attempt, now: now)
            if firstOutcome == nil { firstOutcome = seq }
        }
        try database.execute("UPDATE writes SET outcome_seq = ? WHERE id = ?", [.optional(firstOutcome), .integer(write.id)])
        if status == .applied, write.operation == .create, let remoteID, let linkID = write.linkID {
            try fillLinkID(linkID: linkID, side: write.side, id: remoteID, now: now)
        }
        try updateFailure(for: write, status: status, refusal: refusal, intent: intents[0], now: now)
    }

    /// The intent rows of a write that have no outcome yet.
    private func intentRows(of write: WriteRecord) throws -> [JournalRow] {
        guard let first = write.intentSeqs.first, let last = write.intentSeqs.last else { return [] }
        return try database.query("""
            SELECT \(StateColumns.journal) FROM journal
            WHERE seq BETWEEN ? AND ? AND write_id = ? AND status = 'pending' ORDER BY seq
            """, [.integer(first), .integer(last), .integer(write.id)], StateColumns.journalRow)
    }

    private func updateFailure(for write: WriteRecord, status: JournalRow.Status, refusal: RemoteRefusal?,
                               intent: JournalRow, now: Int64) throws {
        let refusal = refusal ?? RemoteRefusal(message: "failed without an error message")
        switch (status, write.retryOf) {
        case (.applied, let failureID?), (.skipped, let failureID?):
            try database.execute("UPDATE failures SET state = 'closed', closed_at = ?, write_id = ? WHERE id = ?",
                                 [.integer(now), .integer(write.id), .integer(failureID)])
        case (.failed, let failureID?), (.dead, let failureID?):
            try database.execute("""
                UPDATE failures SET state = ?, write_id = ?, payload = ?, http_status = ?, error_code = ?, error = ?,
                    attempts = ?, last_failed_at = ?
                WHERE id = ?
                """, [.text(status == .dead ? "dead" : "retry"), .integer(write.id), .text(write.payload),
                      .optional(refusal.httpStatus), .optional(refusal.code), .text(refusal.message),
                      .integer(Int64(write.attempt)), .integer(now), .integer(failureID)])
        case (.failed, nil), (.dead, nil):
            try database.execute("""
                INSERT INTO failures (mapping, write_id, first_write_id, link_id, crm_id, prm_id, side, operation, payload,
                                      http_status, error_code, error, attempts, state, first_failed_at, last_failed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(write.mapping), .integer(write.id), .integer(write.id), .optional(write.linkID),
                      .optional(intent.crmID), .optional(intent.prmID), .side(write.side),
                      .text(write.operation.rawValue), .text(write.payload), .optional(refusal.httpStatus),
                      .optional(refusal.code), .text(refusal.message), .integer(Int64(write.attempt)),
                      .text(status == .dead ? "dead" : "retry"), .integer(now), .integer(now)])
        default:
            return
        }
    }
}
