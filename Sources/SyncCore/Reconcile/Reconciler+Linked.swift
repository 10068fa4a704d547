/// An `active` pair: deletes, scope, then the field-by-field merge.
extension Reconciler {
    func reconcileLinked(_ link: Link, input: ReconcileInput) -> Plan {
        var plan = PlanBuilder(compiled, now: input.now, link: link)
        let base = input.shadow.map(aligned) ?? emptyShadow
        let crm = fresh(input.crm, side: .crm, base: base)
        let prm = fresh(input.prm, side: .prm, base: base)

        if case .deleted? = crm {
            applyDelete(of: .crm, link: link, base: base, other: prm, into: &plan)
        } else if case .deleted? = prm {
            applyDelete(of: .prm, link: link, base: base, other: crm, into: &plan)
        } else if let leaving = outOfScope(crm?.record) ?? outOfScope(prm?.record) {
            var unlinked = link
            unlinked.status = .unlinked
            plan.setLink(unlinked)
            plan.note(.scopeLeft, .none, .unlink,
                      detail: "the \(leaving.side) record \(leaving.id) no longer meets the mapping's scope")
        } else {
            merge(link, base: base, isFirstSync: input.shadow == nil, crm: crm?.record, prm: prm?.record,
                  resolutions: input.resolutions, unsent: input.unsent, into: &plan)
        }
        return plan.finish()
    }

    /// The change with its values aligned, or nil for a version already
    /// accounted for (see `Shadow.hasSeen`).
    private func fresh(_ change: RecordChange?, side: Side, base: Shadow) -> RecordChange? {
        guard case let .upserted(record)? = change else { return change }
        if base.hasSeen(side, modifiedAt: record.modifiedAt) { return nil }
        return .upserted(aligned(record))
    }

    private func outOfScope(_ record: CanonicalRecord?) -> CanonicalRecord? {
        guard let record, !compiled.inScope(record.values) else { return nil }
        return record
    }
}
