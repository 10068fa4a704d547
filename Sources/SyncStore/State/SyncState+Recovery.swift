extension SyncState {
    /// Writes without an outcome, oldest first: of one mapping, or of all.
    public func pendingWrites(mapping: String? = nil) throws -> [WriteRecord] {
        if let mapping {
            return try database.query("""
                SELECT \(StateColumns.write) FROM writes WHERE mapping = ? AND outcome_seq IS NULL ORDER BY id
                """, [.text(mapping)], StateColumns.writeRecord)
        }
        return try database.query("""
            SELECT \(StateColumns.write) FROM writes INDEXED BY writes_pending WHERE outcome_seq IS NULL ORDER BY id
            """, [], StateColumns.writeRecord)
    }

    /// How many writes have no outcome yet (of one mapping, or of all).
    public func pendingIntentCount(mapping: String? = nil) throws -> Int {
        if let mapping {
            return try database.scalar("SELECT count(*) FROM writes WHERE mapping = ? AND outcome_seq IS NULL",
                                       [.text(mapping)], as: Int.self) ?? 0
        }
        return try database.scalar("SELECT count(*) FROM writes INDEXED BY writes_pending WHERE outcome_seq IS NULL",
                                   as: Int.self) ?? 0
    }

    /// The start-up step, before anything else: marks cycles the previous process left
    /// running as `interrupted` (unless `atStartUp` is false: the same call settles
    /// writes whose response was lost in the middle of a cycle), then drives every
    /// pending write to an outcome.
    ///
    /// `lookup` gets the pending writes (oldest first) and must look each one up on its
    /// remote — a create by its external id, an update or delete by its record id —
    /// and say what it found, keyed by write id. It runs outside any transaction, so
    /// remote I/O never holds the write lock; the resolutions are then committed in one
    /// transaction. A write the lookup leaves out stays pending (and keeps its
    /// mapping's cursor where it is); a throw from `lookup` commits nothing.
    ///
    /// - `.applied`: outcome `applied` (a create fills the link's id).
    /// - `.notApplied`: outcome `failed` and a failure in state `retry`: the next cycle
    ///   sends it again behind a fresh intent (`dueRetries`). A create is never sent
    ///   twice: it is resent only when the remote does not hold it.
    /// - `.unknown`: outcome `dead`, a dead letter for ops.
    ///
    /// `causes`: why a write of this process was left without an outcome — the remote's
    /// error for a batch that failed after retries, or an answer that could not be read
    /// — by write id. Its outcome carries that error (verbatim) instead of
    /// `INTERRUPTED`, so the journal row says what the remote answered.
    @discardableResult
    public func resolvePending(mapping: String? = nil, atStartUp: Bool = true, causes: [Int64: RemoteRefusal] = [:],
                               lookup: ([WriteRecord]) throws -> [Int64: PendingResolution]) throws -> RecoveryReport {
        var report = RecoveryReport()
        if atStartUp { report.interruptedCycles = try markInterruptedCycles(mapping: mapping) }
        let pending = try pendingWrites(mapping: mapping)
        guard !pending.isEmpty else { return report }
        let resolutions = try lookup(pending)
        let now = clock()
        try database.inTransaction(.immediate) { _ in
            for write in pending {
                guard let resolution = resolutions[write.id] else { continue }
                // Another process may have settled it meanwhile.
                guard let current = try self.write(id: write.id), current.isPending else { continue }
                let cause = causes[write.id]
                switch resolution {
                case let .applied(remoteID):
                    try settle(current, status: .applied, remoteID: remoteID, refusal: nil,
                               detail: cause.map { "found on the remote after: \($0.summary)" }
                                   ?? "resolved at start-up: found on the remote",
                               cycle: current.cycleID, now: now)
                    report.applied += 1
                case .notApplied:
                    try settle(current, status: .failed, remoteID: nil,
                               refusal: Self.refusal(cause, consequence: "not found on the remote, sent again"),
                               detail: cause == nil ? "resolved at start-up: not on the remote" : "not on the remote",
                               cycle: current.cycleID, now: now)
                    report.requeued += 1
                case let .unknown(reason):
                    try settle(current, status: .dead, remoteID: nil,
                               refusal: Self.refusal(cause, consequence: "cannot tell whether the remote has it: \(reason)"),
                               detail: cause == nil ? "resolved at start-up: unknown" : "unknown", cycle: current.cycleID,
                               now: now)
                    report.dead += 1
                }
            }
            return .commit
        }
        for write in pending { memos[write.id] = nil }
        return report
    }

    /// The refusal a looked-up write is settled with: the remote's own error when this
    /// process saw it (kept verbatim, the consequence appended), else `INTERRUPTED`.
    private static func refusal(_ cause: RemoteRefusal?, consequence: String) -> RemoteRefusal {
        guard var cause else {
            return RemoteRefusal(code: "INTERRUPTED", message: "interrupted before the outcome was recorded; \(consequence)")
        }
        cause.message += "; \(consequence)"
        return cause
    }
}
