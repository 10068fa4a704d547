import SyncCore

extension SyncState {
    private static let routeColumns = "mapping, crm_id, partner, rule, state, offered_at, deadline, excluded, attributes, updated_at"

    /// The route of one CRM lead, if lead distribution decided about it.
    public func leadRoute(mapping: String, crmID: String) throws -> LeadRouteRecord? {
        try database.first("SELECT \(Self.routeColumns) FROM lead_routes WHERE mapping = ? AND crm_id = ?",
                           [.text(mapping), .text(crmID)], Self.route)
    }

    /// Routes of a record in any mapping (for `channelsync show`).
    public func leadRoutes(crmID: String) throws -> [LeadRouteRecord] {
        try database.query("SELECT \(Self.routeColumns) FROM lead_routes WHERE crm_id = ? ORDER BY mapping",
                           [.text(crmID)], Self.route)
    }

    /// Routes that need a decision now without their lead being pulled: offers past
    /// their deadline at `now`, and rejections not yet offered again. Oldest first, at
    /// most `limit` (read by index, never a scan of all routes).
    public func dueLeadRoutes(mapping: String, now: Int64, limit: Int = 1_000) throws -> [LeadRouteRecord] {
        try database.query("""
            SELECT \(Self.routeColumns) FROM (
                SELECT * FROM lead_routes WHERE mapping = ? AND state = 'offered' AND deadline <= ?
                UNION ALL
                SELECT * FROM lead_routes WHERE mapping = ? AND state = 'rejected'
            ) ORDER BY updated_at, crm_id LIMIT ?
            """, [.text(mapping), .integer(now), .text(mapping), .integer(Int64(limit))], Self.route)
    }

    /// The round-robin counters of a mapping: rule → partner → current value.
    public func routingCounters(mapping: String) throws -> [String: [String: Int64]] {
        var counters: [String: [String: Int64]] = [:]
        try database.forEach("SELECT rule, partner, current FROM routing_counters WHERE mapping = ?", [.text(mapping)]) { row in
            counters[try row.text(0), default: [:]][try row.text(1)] = try row.int64(2)
        }
        return counters
    }

    /// Saves routes and counters; called inside `recordPlan`'s transaction.
    func saveLeadRouting(_ batch: LeadRoutingBatch, now: Int64) throws {
        for route in batch.routes {
            try database.execute("""
                INSERT INTO lead_routes (\(Self.routeColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (mapping, crm_id) DO UPDATE SET partner = excluded.partner, rule = excluded.rule,
                    state = excluded.state, offered_at = excluded.offered_at, deadline = excluded.deadline,
                    excluded = excluded.excluded, attributes = excluded.attributes, updated_at = excluded.updated_at
                """, [
                    .text(route.mapping), .text(route.crmID), .optional(route.partner), .optional(route.rule),
                    .text(route.state.rawValue), .optional(route.offeredAt), .optional(route.deadline),
                    .text(StringList.encode(route.excluded)), .text(route.attributes), .integer(now),
                ])
        }
        for counter in batch.counters {
            try database.execute("""
                INSERT INTO routing_counters (mapping, rule, partner, current) VALUES (?, ?, ?, ?)
                ON CONFLICT (mapping, rule, partner) DO UPDATE SET current = excluded.current
                """, [.text(counter.mapping), .text(counter.rule), .text(counter.partner), .integer(counter.current)])
        }
    }

    private static func route(_ row: Row) throws -> LeadRouteRecord {
        var route = LeadRouteRecord(
            mapping: try row.text(0), crmID: try row.text(1), partner: try row.optionalText(2), rule: try row.optionalText(3),
            state: try row.word(LeadRouteRecord.State.self, at: 4, table: "lead_routes", column: "state"),
            offeredAt: try row.optionalInt64(5), deadline: try row.optionalInt64(6),
            excluded: StringList.decode(try row.text(7)),
            attributes: try row.text(8))
        route.updatedAt = try row.int64(9)
        return route
    }
}
