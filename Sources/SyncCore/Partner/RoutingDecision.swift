/// What the router decided for one lead, with everything the journal must show:
/// the rule, the partner, and every partner considered with why it was passed over.
public struct RoutingDecision: Sendable, Hashable {
    /// The chosen partner; nil when no rule had an eligible partner (the lead stays unassigned).
    public var partner: PartnerProfile?
    /// The rule that chose, nil when unrouted.
    public var rule: DistributionRule?
    /// Every partner considered, per rule tried, in order.
    public var considered: [RuleCandidates]

    public init(partner: PartnerProfile?, rule: DistributionRule?, considered: [RuleCandidates]) {
        self.partner = partner
        self.rule = rule
        self.considered = considered
    }

    /// The journal rule of a first routing (`lead.routing.territory`, …, or `lead.routing.unrouted`).
    public var journalRule: RoutingJournalRule { rule?.kind ?? .unrouted }

    /// One line for the journal's detail: the choice, then the candidates per rule tried.
    public var detail: String {
        var text: String
        if let partner, let rule {
            text = "rule '\(rule.name)' chose \(partner.id) (account \(partner.crmAccountId), capacity \(partner.capacity))"
        } else {
            text = considered.isEmpty ? "no rule matches the lead" : "no eligible partner"
        }
        for entry in considered {
            let list = entry.candidates.map { candidate in
                candidate.exclusion.map { "\(candidate.id) excluded (\($0.text))" } ?? "\(candidate.id) eligible"
            }
            text += "; rule '\(entry.rule)': " + (list.isEmpty ? "empty pool" : list.joined(separator: ", "))
        }
        return text
    }
}

/// The partners one rule considered for a lead.
public struct RuleCandidates: Sendable, Hashable {
    public var rule: String
    public var candidates: [RoutingCandidate]

    public init(rule: String, candidates: [RoutingCandidate]) {
        self.rule = rule
        self.candidates = candidates
    }
}

/// One partner considered, and why it was passed over (nil: eligible).
public struct RoutingCandidate: Sendable, Hashable {
    public var id: String
    public var exclusion: Exclusion?

    public init(id: String, exclusion: Exclusion? = nil) {
        self.id = id
        self.exclusion = exclusion
    }

    /// Why a partner cannot take a lead.
    public enum Exclusion: Sendable, Hashable {
        case inactive
        case noCapacity
        /// The partner's territory does not cover the lead (which part: "country", …).
        case territory(String)
        case productLine
        case tier
        case certification(missing: [String])
        /// It had the lead before: rejected it, or let the offer lapse.
        case hadLead
        /// The pool names an id the roster does not have.
        case notInRoster

        public var text: String {
            switch self {
            case .inactive: "inactive"
            case .noCapacity: "capacity 0"
            case let .territory(part): "\(part) outside its territory"
            case .productLine: "does not sell the product line"
            case .tier: "tier not in the rule"
            case let .certification(missing): "lacks certification \(missing.joined(separator: ", "))"
            case .hadLead: "rejected or let lapse an earlier offer of this lead"
            case .notInRoster: "not in the roster"
            }
        }
    }
}
