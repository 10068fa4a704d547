/// The journal's rule for a lead-distribution decision. Raw values are stable: they
/// are stored in the journal and matched by ops scripts (`channelsync journal`).
public enum RoutingJournalRule: String, Sendable, Hashable, CaseIterable {
    /// Routed by a rule that matches on territory (country, region, postal prefix).
    case territory = "lead.routing.territory"
    /// Routed by a rule that matches on product line only.
    case product = "lead.routing.product"
    /// Routed by a catch-all rule: round-robin over its pool.
    case roundRobin = "lead.routing.round_robin"
    /// The partner accepted the lead.
    case accepted = "lead.routing.accepted"
    /// The partner rejected the lead: offered to the next eligible partner.
    case rejected = "lead.routing.rejected"
    /// Not accepted within `acceptWithinHours`: withdrawn and offered to the next eligible partner.
    case slaExpired = "lead.routing.sla_expired"
    /// No partner is eligible: the lead stays unassigned in the CRM.
    case unrouted = "lead.routing.unrouted"
}
