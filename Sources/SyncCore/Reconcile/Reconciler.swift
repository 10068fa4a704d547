/// The sync engine's decision function: (link, shadow, CRM change, PRM change,
/// resolutions, clock) → `Plan`. Pure — no I/O, no clock, no randomness — so
/// the same input always gives the same plan, and it can be tested by
/// simulation. Candidate lookup for unlinked records is injected.
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
