import SyncCore

extension SyncState {
    // MARK: Reads

    /// Failures in `states` (default: every state but closed), oldest first.
    public func failures(mapping: String? = nil,
                         states: Set<FailureRecord.State> = [.retry, .dead, .requeued]) throws -> [FailureRecord] {
        guard !states.isEmpty else { return [] }
        var sql = "SELECT \(StateColumns.failure) FROM \(StateColumns.failureFrom) WHERE f.state IN (\(placeholders(states.count)))"
        var arguments = states.map(\.rawValue).sorted().map { DatabaseValue.text($0) }
        if let mapping {
            sql += " AND f.mapping = ?"
            arguments.append(.text(mapping))
        }
        // As in `dueRetriesSQL`: lets SQLite use the index of open failures.
        if !states.contains(.closed) { sql += " AND f.state <> 'closed'" }
        return try database.query(sql + " ORDER BY +f.id", arguments, StateColumns.failureRecord)
    }

    /// The failure with this id, in any state.
    public func failure(id: Int64) throws -> FailureRecord? {
        try database.first("SELECT \(StateColumns.failure) FROM \(StateColumns.failureFrom) WHERE f.id = ?",
                           [.integer(id)], StateColumns.failureRecord)
    }

    /// Every failure that names `id` as its link, CRM or PRM id, in any state.
    public func failures(matching id: String) throws -> [FailureRecord] {
        try database.query("""
            SELECT \(StateColumns.failure) FROM \(StateColumns.failureFrom)
            WHERE f.link_id = ? OR f.crm_id = ? OR f.prm_id = ? ORDER BY f.id
            """, [.text(id), .text(id), .text(id)], StateColumns.failureRecord)
    }

    /// Failures the next cycle of `mapping` should send again (state `retry` or
    /// `requeued`, and no resend pending), oldest first. Send each behind a fresh
    /// intent: `IntentDraft.resend(failure)`.
    ///
    /// An update or delete planned before its record had an id on that side (its
    /// create had no outcome yet: a kill, a failed batch) takes the id from its link
    /// once the create is applied; until then it is not due — it waits, spending no
    /// attempt, instead of being refused for want of a target.
    public func dueRetries(mapping: String, limit: Int = 1_000) throws -> [FailureRecord] {
        try database.query(Self.dueRetriesSQL, [.text(mapping), .integer(Int64(max(0, limit)))], StateColumns.failureRecord)
    }

    /// SQL of `dueRetries`, run by every cycle. `f.state <> 'closed'` spells out the
    /// condition of the index of open failures, which SQLite does not infer from the IN
    /// list, and `+f.id` keeps it from walking the table in id order instead: without
    /// them each cycle read every failure ever closed.
    static let dueRetriesSQL = """
        SELECT \(StateColumns.failureDue) FROM \(StateColumns.failureFrom) LEFT JOIN links l ON l.id = f.link_id
        WHERE f.mapping = ? AND f.state <> 'closed' AND f.state IN ('retry', 'requeued') AND w.outcome_seq IS NOT NULL
          AND (f.operation = 'create' OR w.record_id IS NOT NULL
               OR (CASE f.side WHEN 'crm' THEN l.crm_id ELSE l.prm_id END) IS NOT NULL)
        ORDER BY +f.id LIMIT ?
        """

    /// What the failure's first write set, field by field, with the value its target
    /// held before (its intent rows' changes): the base for merging the write instead of
    /// resending it (`UnsentWrite`). Nil when those rows name no change (pruned, or a
    /// write planned without them): the failure is then resent as it is.
    public func unsentChanges(of failure: FailureRecord) throws -> [FieldChange]? {
        let texts = try database.query("""
            SELECT j.changes FROM writes w
            JOIN journal j ON j.seq BETWEEN w.first_seq AND w.first_seq + w.intent_count - 1
            WHERE w.id = ? AND j.write_id = w.id AND j.changes IS NOT NULL ORDER BY j.seq
            """, [.integer(failure.firstWriteID)]) { try $0.text(0) }
        var changes: [FieldChange] = []
        for text in texts {
            changes += try StoredJSON.decode([FieldChange].self, from: text, table: "journal", column: "changes")
        }
        return changes.isEmpty ? nil : changes
    }

    /// Closes a failure whose resend a plan replaced (`PlanBatch.supersededFailures`).
    /// Runs inside the caller's transaction.
    func closeSupersededFailure(id: Int64, now: Int64) throws {
        try database.execute("""
            UPDATE failures SET state = 'closed', closed_at = ? WHERE id = ? AND state IN ('retry', 'requeued')
            """, [.integer(now), .integer(id)])
    }

    // MARK: Ops

    /// `channelsync retry ID`: requeues one dead letter for the next cycle and journals
    /// it, in one IMMEDIATE transaction. Returns the journal seq.
    @discardableResult
    public func requeueFailure(id: Int64, by actor: String) throws -> Int64 {
        let now = clock()
        var seq: Int64 = 0
        try database.inTransaction(.immediate) { _ in
            guard let failure = try failure(id: id) else { throw StateError.failureNotFound(id: id) }
            guard failure.state == .dead else { throw StateError.failureNotDead(id: id, state: failure.state.rawValue) }
            seq = try requeue(failure, by: actor, now: now)
            return .commit
        }
        return seq
    }

    /// `channelsync retry --all`: requeues every dead letter (of one mapping, or all)
    /// in one IMMEDIATE transaction, one journal row each. Returns the failure ids.
    @discardableResult
    public func requeueAllFailures(mapping: String? = nil, by actor: String) throws -> [Int64] {
        let now = clock()
        var ids: [Int64] = []
        try database.inTransaction(.immediate) { _ in
            for failure in try failures(mapping: mapping, states: [.dead]) {
                _ = try requeue(failure, by: actor, now: now)
                ids.append(failure.id)
            }
            return .commit
        }
        return ids
    }

    private func requeue(_ failure: FailureRecord, by actor: String, now: Int64) throws -> Int64 {
        try database.execute("""
            UPDATE failures SET state = 'requeued', requeued_at = ?, requeued_by = ? WHERE id = ? AND state = 'dead'
            """, [.integer(now), .text(actor), .integer(failure.id)])
        let entry = JournalDraft(
            mapping: failure.mapping, linkID: failure.linkID, crmID: failure.crmID, prmID: failure.prmID,
            direction: .to(failure.side), operation: "retry",
            detail: "dead letter \(failure.id) (\(failure.operation.rawValue) on \(failure.side), "
                + "\(failure.attempts) attempt\(failure.attempts == 1 ? "" : "s")) requeued by \(actor); sent on the next cycle")
        return try appendRow(entry, status: .applied, cycle: nil, now: now)
    }
}

extension IntentDraft {
    /// The intent that resends a failure's write: one journal entry, rule `retry`.
    public static func resend(_ failure: FailureRecord) -> IntentDraft {
        IntentDraft(
            mapping: failure.mapping, linkID: failure.linkID, write: failure.resendDraft,
            entries: [JournalDraft(mapping: failure.mapping, linkID: failure.linkID, crmID: failure.crmID,
                                   prmID: failure.prmID, direction: .to(failure.side),
                                   operation: failure.operation.rawValue, rule: "retry",
                                   detail: "resend of failure \(failure.id), attempt \(failure.attempts + 1)")],
            retryOf: failure.id)
    }
}
