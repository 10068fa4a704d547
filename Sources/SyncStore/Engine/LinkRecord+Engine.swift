import SyncCore

extension LinkRecord {
    /// The store's row for the reconciler's link (times are set by the store).
    public init(_ link: Link) {
        self.init(id: link.id, mapping: link.mapping, crmID: link.crmId, prmID: link.prmId,
                  status: Status(rawValue: link.status.rawValue) ?? .active, createdAt: 0, updatedAt: 0)
    }

    /// The reconciler's link.
    public var link: Link {
        Link(id: id, mapping: mapping, crmId: crmID, prmId: prmID, status: LinkStatus(rawValue: status.rawValue) ?? .active)
    }
}
