/// Lead-distribution state to save with a plan (`PlanBatch.leadRouting`).
public struct LeadRoutingBatch: Sendable, Hashable {
    /// Upserts by (mapping, CRM id).
    public var routes: [LeadRouteRecord]
    /// Round-robin counters to save: mapping → rule → partner → current value.
    public var counters: [RoutingCounter]

    public init(routes: [LeadRouteRecord] = [], counters: [RoutingCounter] = []) {
        self.routes = routes
        self.counters = counters
    }

    public var isEmpty: Bool { routes.isEmpty && counters.isEmpty }
}

/// One partner's smooth weighted round-robin counter under one rule.
public struct RoutingCounter: Sendable, Hashable {
    public var mapping: String
    public var rule: String
    public var partner: String
    public var current: Int64

    public init(mapping: String, rule: String, partner: String, current: Int64) {
        self.mapping = mapping
        self.rule = rule
        self.partner = partner
        self.current = current
    }
}
