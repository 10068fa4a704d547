import SyncCore
import SyncStore

extension JournalEntry {
    /// The store's draft of this decision.
    func draft() throws(CycleError) -> JournalDraft {
        JournalDraft(mapping: mapping, linkID: linkId, crmID: crmId, prmID: prmId,
                     direction: JournalRow.Direction(rawValue: direction.rawValue) ?? .none,
                     operation: operation.rawValue, rule: rule.rawValue, changes: try StateCoding.changesText(changes),
                     detail: detail, at: at)
    }

    /// The status a decision without a write is journaled with: `skipped` when nothing
    /// was to be done (converged, echo), `applied` when it changed state (a link, a conflict).
    var finalStatus: JournalRow.Status { operation == .none ? .skipped : .applied }
}

extension Conflict {
    /// The store's draft of this conflict, for the link's records.
    func draft(mapping: String, link: Link?) throws(CycleError) -> ConflictDraft {
        ConflictDraft(mapping: mapping, linkID: linkId, crmID: link?.crmId, prmID: link?.prmId,
                      kind: ConflictRecord.Kind(rawValue: kind.rawValue) ?? .field, field: field,
                      base: try StateCoding.valueText(base), crmValue: try StateCoding.valueText(crm),
                      prmValue: try StateCoding.valueText(prm), deletedSide: deletedSide, candidates: candidates)
    }
}
