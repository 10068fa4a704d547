/// The correspondence between one CRM record and one PRM record in a mapping.
public struct Link: Sendable, Hashable, Codable {
    /// Chosen by the store (see `ReconcileInput.newLinkID`); stable for the link's life.
    public var id: String
    public var mapping: String
    /// Nil while the record on that side is still to be created (the create's
    /// outcome fills it in), or for a `review` link whose counterpart is undecided.
    public var crmId: String?
    public var prmId: String?
    public var status: LinkStatus

    public init(id: String, mapping: String, crmId: String?, prmId: String?, status: LinkStatus) {
        self.id = id
        self.mapping = mapping
        self.crmId = crmId
        self.prmId = prmId
        self.status = status
    }

    public func id(_ side: Side) -> String? { side == .crm ? crmId : prmId }

    mutating func setId(_ id: String?, _ side: Side) {
        if side == .crm { crmId = id } else { prmId = id }
    }
}
