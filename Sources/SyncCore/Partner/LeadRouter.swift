/// Chooses the partner a lead is offered to. Pure: the round-robin counters are passed
/// in and out, so the same counters and lead give the same choice.
///
/// The rules are tried in order. A rule takes the lead when its `match` holds; its
/// candidates are its pool (or the whole roster) minus partners that are inactive, at
/// capacity 0, outside the lead's territory or product line, of another tier, missing a
/// certification, or that already had this lead (`excluded`). The first rule with a
/// candidate picks among them by smooth weighted round-robin on the rule's counters;
/// a rule without one passes the lead on.
public struct LeadRouter: Sendable {
    public let distribution: LeadDistribution

    public init(_ distribution: LeadDistribution) {
        self.distribution = distribution
    }

    /// Routes `lead`; `counters` are by rule name and updated for the pick.
    public func route(_ lead: LeadAttributes, excluded: Set<String> = [],
                      counters: inout [String: RoundRobinCounters]) -> RoutingDecision {
        var considered: [RuleCandidates] = []
        for rule in distribution.rules where rule.match.matches(lead) {
            let candidates = self.candidates(rule, lead: lead, excluded: excluded)
            considered.append(RuleCandidates(rule: rule.name, candidates: candidates))
            let eligible = candidates.compactMap { candidate -> (id: String, weight: Int)? in
                guard candidate.exclusion == nil, let partner = distribution.partner(id: candidate.id) else { return nil }
                return (partner.id, partner.capacity)
            }
            var ruleCounters = counters[rule.name] ?? RoundRobinCounters()
            guard let chosen = ruleCounters.pick(eligible), let partner = distribution.partner(id: chosen) else { continue }
            counters[rule.name] = ruleCounters
            return RoutingDecision(partner: partner, rule: rule, considered: considered)
        }
        return RoutingDecision(partner: nil, rule: nil, considered: considered)
    }

    /// The rule's pool with each partner's exclusion, if any.
    func candidates(_ rule: DistributionRule, lead: LeadAttributes, excluded: Set<String>) -> [RoutingCandidate] {
        let pool = rule.pool.isEmpty ? distribution.partners.map(\.id) : rule.pool
        return pool.map { id in
            guard let partner = distribution.partner(id: id) else { return RoutingCandidate(id: id, exclusion: .notInRoster) }
            return RoutingCandidate(id: id, exclusion: exclusion(partner, rule: rule, lead: lead, excluded: excluded))
        }
    }

    private func exclusion(_ partner: PartnerProfile, rule: DistributionRule, lead: LeadAttributes,
                           excluded: Set<String>) -> RoutingCandidate.Exclusion? {
        if !partner.active { return .inactive }
        if partner.capacity <= 0 { return .noCapacity }
        if excluded.contains(partner.id) { return .hadLead }
        var territory = partner.territory
        territory.productLines = []
        if let part = territory.mismatch(lead) { return .territory(part) }
        if !partner.productLines.isEmpty, !LeadCriteria.contains(partner.productLines, lead.productLine) { return .productLine }
        if !rule.tiers.isEmpty, !LeadCriteria.contains(rule.tiers, partner.tier) { return .tier }
        let held = Set(partner.certifications.map { LeadAttributes.folded($0) })
        let missing = rule.certifications.filter { !held.contains(LeadAttributes.folded($0)) }
        if !missing.isEmpty { return .certification(missing: missing) }
        return nil
    }
}
