extension StateSchema {
    /// Lead distribution: each routed lead's current offer (for the acceptance SLA, read
    /// by deadline without pulling anything) and the round-robin counters per rule, so
    /// fairness survives restarts.
    static let leadRouting = Migration(id: 2, name: "lead routing", sql: """
        -- One row per CRM lead lead distribution has decided about.
        -- excluded: JSON array of partner ids that rejected the lead or let an offer lapse.
        -- attributes: the lead's routing attributes (JSON), to offer it again unpulled.
        CREATE TABLE lead_routes (
            mapping TEXT NOT NULL,
            crm_id TEXT NOT NULL,
            partner TEXT,
            rule TEXT,
            state TEXT NOT NULL CHECK (state IN ('offered', 'accepted', 'rejected', 'exhausted', 'unrouted')),
            offered_at INTEGER,
            deadline INTEGER,
            excluded TEXT NOT NULL DEFAULT '[]',
            attributes TEXT NOT NULL DEFAULT '{}',
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (mapping, crm_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX lead_routes_due ON lead_routes (mapping, deadline) WHERE state = 'offered';
        CREATE INDEX lead_routes_rejected ON lead_routes (mapping) WHERE state = 'rejected';

        -- Smooth weighted round-robin counters, per mapping, rule and partner.
        CREATE TABLE routing_counters (
            mapping TEXT NOT NULL,
            rule TEXT NOT NULL,
            partner TEXT NOT NULL,
            current INTEGER NOT NULL,
            PRIMARY KEY (mapping, rule, partner)
        ) STRICT, WITHOUT ROWID;
        """)
}
