/// One ordered rule of lead distribution: leads that `match` go to the eligible
/// partners of `pool`. Rules are tried in order; a rule whose pool has no eligible
/// partner left for the lead passes it on to the next rule.
public struct DistributionRule: Sendable, Hashable {
    /// Unique within the mapping; journaled with every decision and the key of the
    /// rule's round-robin counters.
    public var name: String
    /// Which leads the rule takes; empty takes every lead (a catch-all).
    public var match: LeadCriteria
    /// Partner tiers the rule offers to; empty: any tier.
    public var tiers: [String]
    /// Certifications a partner must all hold.
    public var certifications: [String]
    /// Roster ids; empty: every partner in the roster.
    public var pool: [String]

    public init(name: String, match: LeadCriteria = LeadCriteria(), tiers: [String] = [], certifications: [String] = [],
                pool: [String] = []) {
        self.name = name
        self.match = match
        self.tiers = tiers
        self.certifications = certifications
        self.pool = pool
    }

    /// How the rule picks leads, for the journal's rule name.
    public var kind: RoutingJournalRule {
        if match.hasTerritory { return .territory }
        if !match.productLines.isEmpty { return .product }
        return .roundRobin
    }
}
