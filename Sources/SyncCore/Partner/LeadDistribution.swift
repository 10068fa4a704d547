/// Lead distribution for a leads mapping (`leadDistribution` in its file): which CRM
/// leads are routed, the ordered rules, the partner roster, where the assignment lives
/// on the records, and how long a partner has to accept.
///
/// The assignment is two canonical fields of the mapping: `partnerField` (the partner's
/// CRM account id, normally `toPRM`) and `statusField` (an enum, normally `toCRM`), so
/// their native paths and value maps on both sides come from the mapping itself.
public struct LeadDistribution: Sendable, Hashable {
    /// CRM leads taken for routing when they have no partner yet; empty: every such lead.
    public var when: [ScopeFilter]
    public var partnerField: String
    public var statusField: String
    public var statuses: AssignmentStatuses
    /// The acceptance SLA: an offer not accepted within it is withdrawn.
    public var acceptWithinHours: Int
    public var leadFields: LeadFieldNames
    public var rules: [DistributionRule]
    public var partners: [PartnerProfile]

    public static let defaultAcceptWithinHours = 48

    public init(when: [ScopeFilter] = [], partnerField: String = "partner_account", statusField: String = "partner_status",
                statuses: AssignmentStatuses = AssignmentStatuses(), acceptWithinHours: Int = defaultAcceptWithinHours,
                leadFields: LeadFieldNames = LeadFieldNames(), rules: [DistributionRule], partners: [PartnerProfile]) {
        self.when = when
        self.partnerField = partnerField
        self.statusField = statusField
        self.statuses = statuses
        self.acceptWithinHours = acceptWithinHours
        self.leadFields = leadFields
        self.rules = rules
        self.partners = partners
    }

    /// When an offer made at `offeredAt` (epoch ms) lapses.
    public func deadline(offeredAt: Int64) -> Int64 {
        offeredAt + Int64(acceptWithinHours) * 3_600_000
    }

    public func partner(id: String) -> PartnerProfile? { partners.first { $0.id == id } }

    /// The roster partner holding a CRM account id.
    public func partner(crmAccountId: String) -> PartnerProfile? { partners.first { $0.crmAccountId == crmAccountId } }
}
