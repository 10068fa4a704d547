import SyncCore

extension PlanBatch {
    /// Appends what a reconciler plan commits before its writes are sent: an intent
    /// per planned write (with the journal entries that need it), the other entries as
    /// decisions (`skipped` for `none`, else `applied`), link upserts, conflicts opened
    /// and closed, and the shadow when the plan has no write. Returns the shadow to
    /// save after the outcomes, if the plan has writes.
    ///
    /// `linkID` names the pair's link for the closed conflicts and the shadow; nil
    /// takes it from the plan (its link, writes or entries).
    mutating func append(_ plan: Plan, mapping: String, linkID: String?) throws -> ShadowRecord? {
        let pairLink = linkID ?? plan.links.first?.id ?? plan.writes.first?.linkId
            ?? plan.journal.lazy.compactMap(\.linkId).first ?? plan.conflicts.first?.linkId
        links += plan.links.map(LinkRecord.init)
        let linkByID = Dictionary(plan.links.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        for conflict in plan.conflicts {
            // The pair's ids: from the link the plan changes, else from its journal entries.
            let link = linkByID[conflict.linkId]
            let entry = plan.journal.first { $0.linkId == conflict.linkId }
            openedConflicts.append(ConflictDraft(
                mapping: mapping, linkID: conflict.linkId, crmID: link?.crmId ?? entry?.crmId,
                prmID: link?.prmId ?? entry?.prmId,
                kind: ConflictRecord.Kind(rawValue: conflict.kind.rawValue) ?? .field, field: conflict.field,
                base: try conflict.base.map(StoredJSON.encode), crmValue: try conflict.crm.map(StoredJSON.encode),
                prmValue: try conflict.prm.map(StoredJSON.encode), deletedSide: conflict.deletedSide,
                candidates: conflict.candidates))
        }
        if !plan.closedConflicts.isEmpty {
            guard let pairLink else {
                throw StateError.invalidDraft(reason: "a plan of mapping '\(mapping)' closes conflicts but names no link")
            }
            closedConflicts += plan.closedConflicts.map { ConflictKey(linkID: pairLink, kind: .field, field: $0) }
        }
        for (index, write) in plan.writes.enumerated() {
            var entries = try plan.journal.filter { $0.write == index }.map { try Self.draft($0) }
            if entries.isEmpty {
                // Every write needs an intent row; the reconciler journals one, this is a guard.
                entries = [JournalDraft(mapping: mapping, linkID: write.linkId, direction: .to(write.side),
                                        operation: write.operation.rawValue)]
            }
            intents.append(IntentDraft(
                mapping: mapping, linkID: write.linkId,
                write: WriteDraft(side: write.side, operation: WriteRecord.Operation(rawValue: write.operation.rawValue) ?? .update,
                                  recordID: write.recordId, externalID: write.externalId,
                                  payload: try StoredJSON.encode(write.fields)),
                entries: entries))
        }
        for entry in plan.journal where entry.write == nil {
            decisions.append(DecisionDraft(try Self.draft(entry), status: entry.operation == .none ? .skipped : .applied))
        }
        guard let shadow = plan.shadow else { return nil }
        guard let pairLink else {
            throw StateError.invalidDraft(reason: "a plan of mapping '\(mapping)' has a shadow but names no link")
        }
        let record = try ShadowRecord(linkID: pairLink, shadow: shadow)
        if plan.writes.isEmpty {
            shadows.append(record)
            return nil
        }
        return record
    }

    static func draft(_ entry: JournalEntry) throws -> JournalDraft {
        JournalDraft(mapping: entry.mapping, linkID: entry.linkId, crmID: entry.crmId, prmID: entry.prmId,
                     direction: JournalRow.Direction(rawValue: entry.direction.rawValue) ?? .none,
                     operation: entry.operation.rawValue, rule: entry.rule.rawValue,
                     changes: entry.changes.isEmpty ? nil : StoredJSON.encode(entry.changes),
                     detail: entry.detail, at: entry.at)
    }
}
