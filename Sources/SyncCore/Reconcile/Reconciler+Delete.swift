/// A linked record deleted on one side (or both).
extension Reconciler {
    func applyDelete(of deleted: Side, link: Link, base: Shadow, other: RecordChange?, into plan: inout PlanBuilder) {
        var ended = link
        if case .deleted? = other {
            ended.status = .deleted
            plan.setLink(ended)
            plan.note(.converged, .none, .delete, detail: "deleted on both sides")
            return
        }
        let kept = deleted.other
        if let record = other?.record {
            // An edit the deleting side never saw: deleting it, or ignoring it,
            // would both lose something. Ops decide.
            let shadow = base.values(kept)
            var edits: [FieldChange] = []
            for (slot, field) in compiled.fields.enumerated() where field.direction != .createOnly {
                if let value = record.values.slots[slot], value != shadow.slots[slot] {
                    edits.append(FieldChange(field: field.name, before: shadow.slots[slot], after: value))
                }
            }
            if !edits.isEmpty {
                ended.status = .flagged
                plan.setLink(ended)
                let conflict = Conflict(kind: .deleteVsEdit, linkId: link.id, deletedSide: deleted)
                plan.note(.conflictDeleteVsEdit, .none, .conflict, changes: edits,
                          detail: "deleted on the \(deleted), edited on the \(kept)", conflict: conflict)
                return
            }
        }
        switch compiled.deletePolicy {
        case .propagate:
            ended.status = .deleted
            plan.setLink(ended)
            if link.id(kept) != nil {
                plan.delete(on: kept, rule: .deletePropagate)
            } else {
                plan.note(.deletePropagate, .none, .delete, detail: "the \(kept) record was never created")
            }
        case .unlink:
            ended.status = .unlinked
            plan.setLink(ended)
            plan.note(.deleteUnlink, .none, .unlink, detail: "deleted on the \(deleted); the \(kept) record is kept")
        case .flag:
            ended.status = .flagged
            plan.setLink(ended)
            plan.note(.deleteFlag, .none, .flag, detail: "deleted on the \(deleted); the \(kept) record is kept for ops")
        }
    }
}
