import SyncCore
import SyncStore

extension Link {
    /// The reconciler's view of a stored link.
    init(_ record: LinkRecord) {
        self.init(id: record.id, mapping: record.mapping, crmId: record.crmID, prmId: record.prmID,
                  status: LinkStatus(rawValue: record.status.rawValue) ?? .unlinked)
    }

    /// The store's row for this link (the store stamps the times).
    var record: LinkRecord {
        LinkRecord(id: id, mapping: mapping, crmID: crmId, prmID: prmId,
                   status: LinkRecord.Status(rawValue: status.rawValue) ?? .unlinked)
    }

    /// Whether the link still holds its records: they are synced (`active`), wait for
    /// ops (`flagged`), or wait for a counterpart (`review`).
    var isOpen: Bool { status == .active || status == .flagged || status == .review }
}
