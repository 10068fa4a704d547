import SyncCore
import SyncStore

extension Shadow {
    /// The reconciler's view of a stored shadow, laid out for the mapping's fields.
    ///
    /// `crmAwaitsEcho` / `prmAwaitsEcho` are not stored: they only matter for a record
    /// pulled again in the same cycle as our write to it (the overlay keeps them), since a
    /// remote never serves a record's pre-write version once the write has landed.
    init(_ record: ShadowRecord, names: [String]) throws(CycleError) {
        let crm = try StateCoding.value(FieldValues.self, from: record.crmValues, what: "shadow \(record.linkID) (CRM)")
        let prm = try StateCoding.value(FieldValues.self, from: record.prmValues, what: "shadow \(record.linkID) (PRM)")
        self.init(crm: crm.aligned(to: names), prm: prm.aligned(to: names), crmModifiedAt: record.crmModifiedAt,
                  prmModifiedAt: record.prmModifiedAt, conflicts: record.conflictFields)
    }

    /// The store's row for this shadow of `linkID`.
    func record(linkID: String) throws(CycleError) -> ShadowRecord {
        ShadowRecord(linkID: linkID, crmValues: try StateCoding.text(crm, what: "shadow values"),
                     prmValues: try StateCoding.text(prm, what: "shadow values"), crmModifiedAt: crmModifiedAt,
                     prmModifiedAt: prmModifiedAt, conflictFields: conflicts.sorted())
    }
}
