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
        var memos: [IntentMemo] = []
        try database.inTransaction(.immediate) { _ in
            for link in batch.links { try upsertLink(link, now: now) }
            for key in batch.closedConflicts { try closeConflict(key, now: now) }
            for conflict in batch.openedConflicts { receipt.conflictIDs.append(try openConflict(conflict, now: now)) }
            for decision in batch.decisions {
                receipt.decisionSeqs.append(try appendRow(decision.entry, status: decision.status, cycle: cycle, now: now))
            }
            if !batch.intents.isEmpty {
                // Under the write lock nobody else appends: the next seq is known.
                var next = (try database.scalar("SELECT max(seq) FROM journal", as: Int64.self) ?? 0) + 1
                for intent in batch.intents {
                    let memo = try appendIntent(intent, cycle: cycle, now: now, next: &next)
                    receipt.tickets.append(IntentTicket(writeID: memo.writeID, seqs: memo.rows.map(\.seq)))
                    memos.append(memo)
                }
            }
            for shadow in batch.shadows { try saveShadow(shadow, now: now) }
            try saveLeadRouting(batch.leadRouting, now: now)
            for id in batch.supersededFailures { try closeSupersededFailure(id: id, now: now) }
            return .commit
        }
        remember(memos)
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

    /// Appends one write and its intent rows; `next` is the seq the first row gets.
    private func appendIntent(_ intent: IntentDraft, cycle: Int64?, now: Int64, next: inout Int64) throws -> IntentMemo {
        var attempt = 1
        if let failureID = intent.retryOf {
            guard let attempts = try database.scalar("SELECT attempts FROM failures WHERE id = ?", [.integer(failureID)],
                                                     as: Int.self) else {
                throw StateError.failureNotFound(id: failureID)
            }
            attempt = attempts + 1
        }
        let write = intent.write
        let first = next
        try database.execute("""
            INSERT INTO writes (mapping, cycle_id, link_id, side, operation, record_id, external_id, payload, attempt,
                                retry_of, first_seq, intent_count, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                .text(intent.mapping), .optional(cycle), .optional(intent.linkID), .side(write.side),
                .text(write.operation.rawValue), .optional(write.recordID), .optional(write.externalID),
                .text(write.payload), .integer(Int64(attempt)), .optional(intent.retryOf), .integer(first),
                .integer(Int64(intent.entries.count)), .integer(now),
            ])
        let writeID = database.lastInsertRowID
        var rows: [IntentMemo.Row] = []
        rows.reserveCapacity(intent.entries.count)
        for var entry in intent.entries {
            if entry.linkID == nil { entry.linkID = intent.linkID }
            let seq = try appendRow(entry, status: .pending, cycle: cycle, writeID: writeID, attempt: attempt, now: now)
            // The journal has no AUTOINCREMENT: a row gets max(seq) + 1. The write
            // records the range, so a surprise here must stop the batch.
            guard seq == next else {
                throw StateError.invalidDraft(reason: "intent row of write \(writeID) got seq \(seq), expected \(next)")
            }
            next += 1
            rows.append(IntentMemo.Row(seq: seq, at: entry.at ?? now, linkID: entry.linkID, crmID: entry.crmID, prmID: entry.prmID,
                                       direction: entry.direction, operation: entry.operation, rule: entry.rule))
        }
        if let failureID = intent.retryOf {
            // The failure now follows this attempt; dueRetries skips it while it is pending.
            try database.execute("UPDATE failures SET write_id = ? WHERE id = ?", [.integer(writeID), .integer(failureID)])
        }
        return IntentMemo(writeID: writeID, mapping: intent.mapping, cycleID: cycle, linkID: intent.linkID, side: write.side,
                          operation: write.operation, attempt: attempt, retryOf: intent.retryOf, rows: rows)
    }

    /// Remembers committed intents for their outcomes.
    private func remember(_ committed: [IntentMemo]) {
        guard !committed.isEmpty else { return }
        if memos.count + committed.count > IntentMemo.capacity { memos.removeAll() }
        for memo in committed { memos[memo.writeID] = memo }
    }
}
