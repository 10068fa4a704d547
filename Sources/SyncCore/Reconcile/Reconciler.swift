/// The sync engine's decision function: (link, shadow, CRM change, PRM change,
/// resolutions, clock) → `Plan`. Pure — no I/O, no clock, no randomness — so
/// the same input always gives the same plan, and it can be tested by
/// simulation. Candidate lookup for unlinked records is injected.
///
/// The rules, per field of an active pair, in order:
/// 1. A side *changed* the field when its record supplies a value that differs
///    from that side's shadow value. Unchanged values — including our own
///    writes read back — are never written (echo suppression).
/// 2. An open manual conflict parks the field (no write) until ops resolve it
///    (`ReconcileInput.resolutions`) or both sides come to hold the same value.
/// 3. `createOnly`: never written after the create (`createOnly`).
/// 4. Both changed to the same value: `converged`.
/// 5. Direction: a one-way field's owner (CRM for `toPRM`, PRM for `toCRM`)
///    holds the value both sides must have. An owner's change propagates; an
///    edit on the other side is overwritten with the owner's value
///    (`direction.blocked`), so the pair still converges.
/// 6. `preferNonEmpty`: an empty value (null or "") never overwrites a
///    non-empty one. On a two-way field the non-empty value wins outright and is
///    written back where the field was emptied; on a one-way field whose owner
///    emptied it, nothing is written and the sides are left different on
///    purpose (the only disagreement besides open conflicts and `createOnly`).
/// 7. One side changed: `propagate.crm` / `propagate.prm`.
/// 8. Both changed differently: the policy — `crm`, `prm`, `newest` (later
///    modification time wins; equal times go to the CRM), or `manual` (no
///    write, a `Conflict` opened).
/// 9. A failed update still due (`ReconcileInput.unsent`): its fields are
///    merged against what its target held before it, so a target edit since
///    then is a change of that side and rules 4–8 decide (`UnsentWrite`).
///
/// Records: a change older than the newest version seen on its side, or that
/// same version while our write to it is unread, is ignored
/// (`Shadow.hasSeen`). Deletes follow the delete policy; a delete meeting an
/// edit of a mapped field on the other side flags the link and opens a
/// `deleteVsEdit` conflict. A record that stops meeting the scope is unlinked,
/// never deleted. An unlinked record is linked by external id (either side
/// naming the other), then by match keys (all fields non-empty, exactly one
/// candidate and no rival on its own side); two or more candidates send it to
/// review; none creates it on the other side carrying its id. On create, the
/// fields that may flow are sent, and a field owned by the new side (empty
/// there) is emptied on the source too, unless `preferNonEmpty`.
public struct Reconciler: Sendable {
    public let compiled: CompiledMapping

    public init(mapping: Mapping) throws(ReconcileError) {
        compiled = try CompiledMapping(mapping)
    }

    public init(compiled: CompiledMapping) {
        self.compiled = compiled
    }

    public var mapping: Mapping { compiled.mapping }

    /// Decides one pair (or one unlinked record).
    ///
    /// - A linked (`active`) pair is merged field by field against its shadow;
    ///   deletes follow the delete policy; a record leaving scope is unlinked.
    /// - An unlinked record (no link, or its `review` link) is linked by
    ///   external id, then by match keys, or created on the other side.
    /// - A `flagged`, `deleted` or `unlinked` link plans nothing.
    ///
    /// Throws only for calls whose parts do not belong together (see `ReconcileError`).
    public func reconcile(_ input: ReconcileInput,
                          candidates: any LinkCandidates = NoLinkCandidates()) throws(ReconcileError) -> Plan {
        try validate(input)
        guard let link = input.link else {
            guard case let .upserted(record)? = input.crm ?? input.prm else { return Plan() }
            return linkRecord(aligned(record), existing: nil, input: input, candidates: candidates)
        }
        switch link.status {
        case .active:
            return reconcileLinked(link, input: input)
        case .review:
            return reconcileInReview(link, input: input, candidates: candidates)
        case .flagged, .deleted, .unlinked:
            return Plan()
        }
    }

    private func validate(_ input: ReconcileInput) throws(ReconcileError) {
        for side in Side.allCases {
            if let record = input.change(side)?.record, record.side != side {
                throw .wrongSide(expected: side, recordId: record.id)
            }
        }
        guard let link = input.link else {
            if let crm = input.crm, let prm = input.prm { throw .unlinkedPair(crmId: crm.id, prmId: prm.id) }
            // Only an upserted record can make a link; a deleted one in no link plans nothing.
            if input.newLinkID.isEmpty, let record = (input.crm ?? input.prm)?.record {
                throw .missingNewLinkID(recordId: record.id)
            }
            return
        }
        guard link.mapping == compiled.name else {
            throw .wrongMapping(linkId: link.id, linkMapping: link.mapping, reconciler: compiled.name)
        }
        for side in Side.allCases {
            if let change = input.change(side), change.id != link.id(side) {
                throw .recordNotInLink(linkId: link.id, side: side, linked: link.id(side), received: change.id)
            }
        }
    }

    /// A `review` link holds one record waiting for a counterpart: a new change
    /// of it tries linking again; its deletion ends the wait.
    private func reconcileInReview(_ link: Link, input: ReconcileInput, candidates: any LinkCandidates) -> Plan {
        let side: Side = link.crmId != nil ? .crm : .prm
        switch input.change(side) {
        case let .upserted(record)?:
            return linkRecord(aligned(record), existing: link, input: input, candidates: candidates)
        case .deleted?:
            var plan = PlanBuilder(compiled, now: input.now, link: link)
            var ended = link
            ended.status = .deleted
            plan.setLink(ended)
            plan.note(.deleteUnlink, .none, .unlink, detail: "deleted on the \(side) while waiting for review")
            return plan.finish()
        case nil:
            return Plan()
        }
    }

    func aligned(_ record: CanonicalRecord) -> CanonicalRecord {
        guard record.values.names != compiled.names else { return record }
        var record = record
        record.values = record.values.aligned(to: compiled.names)
        return record
    }

    func aligned(_ shadow: Shadow) -> Shadow {
        var shadow = shadow
        shadow.crm = shadow.crm.aligned(to: compiled.names)
        shadow.prm = shadow.prm.aligned(to: compiled.names)
        return shadow
    }

    var emptyShadow: Shadow {
        Shadow(crm: .empty(names: compiled.names), prm: .empty(names: compiled.names))
    }
}
