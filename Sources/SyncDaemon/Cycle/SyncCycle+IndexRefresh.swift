import SyncCore
import SyncStore

extension SyncCycle {
    /// Writes the records index rows of a link this plan ends (active or flagged before;
    /// unlinked or in review now), before the plan is recorded: its records become link
    /// candidates again, and the row of a record in an active link lags behind it
    /// (`SyncState.saveRecords`). A record this cycle pulled whole is written as pulled;
    /// another (or one read in part, which the index never takes) as the link's shadow
    /// holds that side, where the shadow is newer than the row. (A record deleted, or a
    /// link deleted with its records, needs nothing.)
    func refreshIndex(endedBy plan: Plan, link: Link?, shadow: Shadow?, crm: RecordChange?, prm: RecordChange?,
                      readInPart: Set<Side>) throws(CycleError) {
        guard let link, link.status == .active || link.status == .flagged,
              let ended = plan.links.first(where: { $0.id == link.id }),
              ended.status == .unlinked || ended.status == .review else { return }
        var rows: [RecordSnapshot] = []
        for (side, change) in [(Side.crm, crm), (Side.prm, prm)] {
            guard let id = link.id(side) else { continue }
            switch change {
            case let .upserted(record)? where !readInPart.contains(side):
                rows.append(try indexEntry(record))
            case .deleted?:
                continue
            case nil, .upserted?:
                guard let shadow, let synced = shadow.modifiedAt(side) else { continue }
                let row: RecordSnapshot?
                do {
                    row = try state.indexedRecord(mapping: mapping.name, side: side, id: id)
                } catch {
                    throw CycleError.store("read \(side) record \(id) from the records index", error)
                }
                guard let row, !row.deleted, row.modifiedAt < synced else { continue }
                rows.append(try indexEntry(CanonicalRecord(side: side, id: id, modifiedAt: synced,
                                                           externalId: row.externalID, values: shadow.values(side))))
            }
        }
        guard !rows.isEmpty else { return }
        // Here, in line (not on a writer thread): committed before the plan that ends the link.
        do {
            try state.saveRecords(rows)
        } catch {
            throw CycleError.store("save the records of ended link \(link.id) in the records index", error)
        }
    }
}
