extension SyncState {
    /// Starts a cycle of `mapping`; returns its id for the journal rows and `closeCycle`.
    public func openCycle(mapping: String) throws -> Int64 {
        try database.execute("INSERT INTO cycles (mapping, started_at, result) VALUES (?, ?, 'running')",
                             [.text(mapping), .integer(clock())])
        return database.lastInsertRowID
    }

    /// Ends a running cycle with its result, counts and API usage per remote.
    public func closeCycle(_ id: Int64, result: CycleRecord.Result, counts: CycleCounts = CycleCounts(),
                           remotes: [RemoteUsage] = [], error: String? = nil) throws {
        guard result != .running else {
            throw StateError.invalidDraft(reason: "a cycle cannot be closed as running")
        }
        let now = clock()
        try database.inTransaction(.immediate) { db in
            try db.execute("""
                UPDATE cycles SET ended_at = ?, result = ?, error = ?, pulled_crm = ?, pulled_prm = ?, written_crm = ?,
                    written_prm = ?, conflicts = ?, failures = ?
                WHERE id = ? AND result = 'running'
                """, [.integer(now), .text(result.rawValue), .optional(error), .optional(counts.pulledCRM),
                      .optional(counts.pulledPRM), .optional(counts.writtenCRM), .optional(counts.writtenPRM),
                      .optional(counts.conflicts), .optional(counts.failures), .integer(id)])
            guard db.changes == 1 else { throw StateError.cycleNotRunning(id: id) }
            for usage in remotes {
                try db.execute("""
                    INSERT INTO cycle_remotes (cycle_id, remote, requests, throttled, quota_used, quota_limit)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (cycle_id, remote) DO UPDATE SET requests = excluded.requests,
                        throttled = excluded.throttled, quota_used = excluded.quota_used, quota_limit = excluded.quota_limit
                    """, [.integer(id), .text(usage.remote), .optional(usage.requests), .optional(usage.throttled),
                          .optional(usage.quotaUsed), .optional(usage.quotaLimit)])
            }
            return .commit
        }
    }

    /// The newest cycles of a mapping, newest first, with their remotes.
    public func cycles(mapping: String, limit: Int = 20) throws -> [CycleRecord] {
        var cycles = try database.query("""
            SELECT \(StateColumns.cycle) FROM cycles WHERE mapping = ? ORDER BY id DESC LIMIT ?
            """, [.text(mapping), .integer(Int64(max(0, limit)))], StateColumns.cycleRecord)
        for index in cycles.indices { cycles[index].remotes = try remotes(ofCycle: cycles[index].id) }
        return cycles
    }

    func remotes(ofCycle id: Int64) throws -> [RemoteUsage] {
        try database.query("""
            SELECT remote, requests, throttled, quota_used, quota_limit FROM cycle_remotes WHERE cycle_id = ? ORDER BY remote
            """, [.integer(id)]) { row in
            RemoteUsage(remote: try row.text(0), requests: try row.int(1), throttled: try row.int(2),
                        quotaUsed: try row.optionalInt(3), quotaLimit: try row.optionalInt(4))
        }
    }

    /// Marks cycles left `running` by a process that died as `interrupted`.
    func markInterruptedCycles(mapping: String?) throws -> Int {
        let now = clock()
        if let mapping {
            try database.execute("""
                UPDATE cycles SET result = 'interrupted', ended_at = ? WHERE mapping = ? AND result = 'running'
                """, [.integer(now), .text(mapping)])
        } else {
            try database.execute("""
                UPDATE cycles INDEXED BY cycles_running SET result = 'interrupted', ended_at = ? WHERE result = 'running'
                """, [.integer(now)])
        }
        return database.changes
    }
}
