import SyncCore

extension SyncState {
    /// Every mapping the database knows (from cycles, cursors, links, writes,
    /// conflicts and failures), sorted.
    public func mappings() throws -> [String] {
        try database.query("""
            SELECT mapping FROM cycles UNION SELECT mapping FROM cursors UNION SELECT mapping FROM links
            UNION SELECT mapping FROM writes INDEXED BY writes_pending WHERE outcome_seq IS NULL
            UNION SELECT mapping FROM conflicts WHERE state <> 'closed'
            UNION SELECT mapping FROM failures WHERE state <> 'closed'
            ORDER BY 1
            """) { try $0.text(0) }
    }

    /// Where each mapping stands (or one, when `mapping` is given), for `status`.
    /// API use is summed over the cycles that started in the `usageWindow`
    /// milliseconds before `now`; quota figures are the newest reported.
    public func status(mapping: String? = nil, now: Int64, usageWindow: Int64 = 86_400_000) throws -> [MappingStatus] {
        let names = try mapping.map { [$0] } ?? mappings()
        return try names.map { try status(of: $0, now: now, usageWindow: usageWindow) }
    }

    private func status(of mapping: String, now: Int64, usageWindow: Int64) throws -> MappingStatus {
        var lastCycle = try database.first("""
            SELECT \(StateColumns.cycle) FROM cycles WHERE mapping = ? ORDER BY id DESC LIMIT 1
            """, [.text(mapping)], StateColumns.cycleRecord)
        if let id = lastCycle?.id { lastCycle?.remotes = try remotes(ofCycle: id) }
        let lastSuccess = try database.scalar("""
            SELECT ended_at FROM cycles WHERE mapping = ? AND result IN ('ok', 'partial') ORDER BY id DESC LIMIT 1
            """, [.text(mapping)], as: Int64.self)
        let cursors = try database.query("SELECT \(StateColumns.cursor) FROM cursors WHERE mapping = ? ORDER BY side",
                                         [.text(mapping)], StateColumns.cursorRecord)
        var links: [LinkRecord.Status: Int] = [:]
        try database.forEach("SELECT status, count(*) FROM links WHERE mapping = ? GROUP BY status", [.text(mapping)]) {
            links[try $0.word(LinkRecord.Status.self, at: 0, table: "links", column: "status")] = try $0.int(1)
        }
        var conflicts: [ConflictRecord.State: Int] = [:]
        try database.forEach("""
            SELECT state, count(*) FROM conflicts WHERE state IN ('open', 'resolved') AND mapping = ? GROUP BY state
            """, [.text(mapping)]) {
            conflicts[try $0.word(ConflictRecord.State.self, at: 0, table: "conflicts", column: "state")] = try $0.int(1)
        }
        var failures: [FailureRecord.State: Int] = [:]
        try database.forEach("""
            SELECT state, count(*) FROM failures WHERE mapping = ? AND state <> 'closed' GROUP BY state
            """, [.text(mapping)]) {
            failures[try $0.word(FailureRecord.State.self, at: 0, table: "failures", column: "state")] = try $0.int(1)
        }
        return MappingStatus(mapping: mapping, lastCycle: lastCycle, lastSuccessAt: lastSuccess, cursors: cursors,
                             links: links, pendingIntents: try pendingIntentCount(mapping: mapping),
                             openConflicts: conflicts[.open] ?? 0, resolvedConflicts: conflicts[.resolved] ?? 0,
                             failures: failures,
                             remotes: try usage(mapping: mapping, since: now - usageWindow))
    }

    private func usage(mapping: String, since: Int64) throws -> [RemoteUsage] {
        var usage = try database.query("""
            SELECT r.remote, sum(r.requests), sum(r.throttled) FROM cycle_remotes r JOIN cycles c ON c.id = r.cycle_id
            WHERE c.mapping = ? AND c.started_at >= ? GROUP BY r.remote ORDER BY r.remote
            """, [.text(mapping), .integer(since)]) {
            RemoteUsage(remote: try $0.text(0), requests: try $0.int(1), throttled: try $0.int(2))
        }
        for index in usage.indices {
            let quota = try database.first("""
                SELECT r.quota_used, r.quota_limit FROM cycle_remotes r JOIN cycles c ON c.id = r.cycle_id
                WHERE c.mapping = ? AND r.remote = ? AND r.quota_limit IS NOT NULL ORDER BY c.id DESC LIMIT 1
                """, [.text(mapping), .text(usage[index].remote)]) { (try $0.optionalInt(0), try $0.optionalInt(1)) }
            usage[index].quotaUsed = quota?.0
            usage[index].quotaLimit = quota?.1
        }
        return usage
    }
}
