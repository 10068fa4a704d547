/// Where one CRM lead stands in lead distribution: who has it, since when, until when
/// it must be accepted, and who already had it.
public struct LeadRouteRecord: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Offered to `partner`, waiting for an answer until `deadline`.
        case offered
        case accepted
        /// The partner rejected it; it is offered again by the next cycle that can write it.
        case rejected
        /// Every eligible partner had it: withdrawn, back with the vendor.
        case exhausted
        /// No partner was eligible when it was routed.
        case unrouted
    }

    public var mapping: String
    public var crmID: String
    /// The roster id of the partner it is (or was last) offered to.
    public var partner: String?
    /// The distribution rule that chose the partner.
    public var rule: String?
    public var state: State
    public var offeredAt: Int64?
    public var deadline: Int64?
    /// Roster ids that rejected the lead or let an offer lapse, oldest first.
    public var excluded: [String]
    /// The lead's routing attributes, JSON text of the caller's encoding.
    public var attributes: String
    /// When the store last saved it (epoch ms; 0 before).
    public var updatedAt: Int64

    public init(mapping: String, crmID: String, partner: String? = nil, rule: String? = nil, state: State,
                offeredAt: Int64? = nil, deadline: Int64? = nil, excluded: [String] = [], attributes: String = "{}") {
        self.mapping = mapping
        self.crmID = crmID
        self.partner = partner
        self.rule = rule
        self.state = state
        self.offeredAt = offeredAt
        self.deadline = deadline
        self.excluded = excluded
        self.attributes = attributes
        self.updatedAt = 0
    }
}
