/// One partner of the program as lead distribution sees it: who it is in the CRM,
/// where and what it may sell, and how many leads it can take relative to the others.
/// Comes from the roster in the leads mapping (`leadDistribution.partners`).
public struct PartnerProfile: Sendable, Hashable {
    /// The roster id, stable across edits: routing counters and a lead's exclusions
    /// are kept under it.
    public var id: String
    /// The partner's account id in the CRM: what the lead's partner field holds.
    public var crmAccountId: String
    public var name: String?
    /// Program tier (`gold`, `silver`, …), matched by a rule's `tiers`.
    public var tier: String?
    public var certifications: [String]
    /// Where the partner may take leads; an empty territory means anywhere.
    public var territory: LeadCriteria
    /// Product lines the partner sells; empty means all.
    public var productLines: [String]
    /// Share of leads relative to the other candidates (smooth weighted round-robin);
    /// 0 takes none (a partner at capacity).
    public var capacity: Int
    /// An inactive partner is kept in the roster (its history still reads) but offered nothing.
    public var active: Bool

    public init(id: String, crmAccountId: String, name: String? = nil, tier: String? = nil, certifications: [String] = [],
                territory: LeadCriteria = LeadCriteria(), productLines: [String] = [], capacity: Int = 1,
                active: Bool = true) {
        self.id = id
        self.crmAccountId = crmAccountId
        self.name = name
        self.tier = tier
        self.certifications = certifications
        self.territory = territory
        self.productLines = productLines
        self.capacity = capacity
        self.active = active
    }
}
