extension SyncState {
    /// Step 1 of the write protocol: commits, in ONE transaction, an intent per
    /// write (a `writes` row and a `pending` journal row per entry), the decisions
    /// with their final status, link upserts, conflicts opened and closed, and the
    /// shadows of pairs that need no write. Nothing may be sent before this returns.
    ///
    /// Returns the write ids (the correlation keys for the outcomes), in order.
    @discardableResult
    public func recordPlan(_ batch: PlanBatch, cycle: Int64? = nil) throws -> PlanReceipt {
        try validate(batch)
        let now = clock()
        var receipt = PlanReceipt()
        try database.inTransaction(.immediate) { _ in
            for link in batch.links { try upsertLink(link, now: now) }
            for key in batch.closedConflicts { try closeConflict(key, now: now) }
            for conflict in batch.openedConflicts { receipt.conflictIDs.append(try openConflict(conflict, now: now)) }
            for decision in batch.decisions {
                receipt.decisionSeqs.append(try appendRow(decision.entry, status: decision.status, cycle: cycle, now: now))
            }
            for intent in batch.intents { receipt.tickets.append(try appendIntent(intent, cycle: cycle, now: now)) }
            for shadow in batch.shadows { try saveShadow(shadow, now: now) }
            return .commit
        }
        return receipt
    }

    private func validate(_ batch: PlanBatch) throws {
        for intent in batch.intents where intent.entries.isEmpty {
            throw StateError.invalidDraft(reason: "an intent for mapping '\(intent.mapping)' has no journal entry")
        }
        for decision in batch.decisions where decision.status == .pending {
            throw StateError.invalidDraft(reason: "a decision cannot be pending; only intents (with a write) are")
        }
    }

    private func appendIntent(_ intent: IntentDraft, cycle: Int64?, now: Int64) throws -> IntentTicket {
        var attempt = 1
        if let failureID = intent.retryOf {
            guard let attempts = try database.scalar("SELECT attempts FROM failures WHERE id = ?", [.integer(failureID)],
                                                     as: Int.self) else {
                throw StateError.failureNotFound(id: failureID)
            }
            attempt = attempts + 1
        }
        let write = intent.write
        try database.execute("""
            INSERT INTO writes (mapping, cycle_id, link_id, side, operation, record_id, external_id, payload, attempt,
                                retry_of, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .text(intent.mapping), .optional(cycle), .optional(intent.linkID), .side(write.side),
                .text(write.operation.rawValue), .optional(write.recordID), .optional(write.externalID),
                .text(write.payload), .integer(Int64(attempt)), .optional(intent.retryOf), .integer(now),
            ])
        let writeID = database.lastInsertRowID
        var seqs: [Int64] = []
        seqs.reserveCapacity(intent.entries.count)
        for var entry in intent.entries {
            if entry.linkID == nil { entry.linkID = intent.linkID }
            seqs.append(try appendRow(entry, status: .pending, cycle: cycle, writeID: writeID, attempt: attempt, now: now))
        }
        // AUTOINCREMENT seqs of one transaction on one connection are consecutive;
        // the write records the range.
        guard let first = seqs.first, seqs.last == first + Int64(seqs.count - 1) else {
            throw StateError.invalidDraft(reason: "the intent rows of write \(writeID) did not get consecutive seqs")
        }
        try database.execute("UPDATE writes SET first_seq = ?, intent_count = ? WHERE id = ?",
                             [.integer(first), .integer(Int64(seqs.count)), .integer(writeID)])
        if let failureID = intent.retryOf {
            // The failure now follows this attempt; dueRetries skips it while it is pending.
            try database.execute("UPDATE failures SET write_id = ? WHERE id = ?", [.integer(writeID), .integer(failureID)])
        }
        return IntentTicket(writeID: writeID, seqs: seqs)
    }
}
