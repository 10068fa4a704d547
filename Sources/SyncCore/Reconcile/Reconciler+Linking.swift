/// An unlinked record (or one waiting in a `review` link): link it to its
/// counterpart by external id, then by match keys; with none, create it on the
/// other side; with several, send it to review.
extension Reconciler {
    func linkRecord(_ record: CanonicalRecord, existing: Link?, input: ReconcileInput,
                    candidates: any LinkCandidates) -> Plan {
        var plan = PlanBuilder(compiled, now: input.now, link: existing)
        let side = record.side
        let other = side.other
        guard compiled.inScope(record.values) else {
            // Out-of-scope records take no part; one waiting for review stops waiting.
            guard var ended = existing else { return Plan() }
            ended.status = .unlinked
            plan.setLink(ended)
            plan.note(.scopeLeft, .none, .unlink, detail: "the \(side) record \(record.id) no longer meets the mapping's scope")
            return plan.finish()
        }

        // 1. External id: the record names its counterpart, or is named by it.
        //    An id is an identity, so an out-of-scope counterpart blocks a create.
        var named: [CanonicalRecord] = []
        if compiled.hasExternalIdField(side), let id = record.externalId,
           let found = candidates.record(on: other, id: id), found.side == other {
            named.append(found)
        }
        if compiled.hasExternalIdField(other) {
            for found in candidates.records(on: other, externalId: record.id)
            where found.side == other && !named.contains(where: { $0.id == found.id }) {
                named.append(found)
            }
        }
        if !named.isEmpty {
            let inScope = named.map(aligned).filter { compiled.inScope($0.values) }
            switch inScope.count {
            case 1:
                return link(record, to: inScope[0], rule: .linkExternalId, detail: nil, existing: existing,
                            input: input, plan: &plan)
            case 0:
                plan.note(.scopeOutside, .none, .none,
                          detail: "counterpart \(named.map(\.id).sorted().joined(separator: ", ")) is outside the mapping's scope")
                return plan.finish()
            default:
                return ambiguous(record, candidates: inScope.map(\.id), existing: existing, input: input, plan: &plan)
            }
        }

        // 2. Match keys, in order; the first key with candidates decides. A key
        //    shared by another record on the same side is as ambiguous as two
        //    candidates on the other.
        for key in compiled.matchKeys {
            var values: [Value] = []
            for slot in key {
                guard let value = record.values.slots[slot], !value.isEmpty else { break }
                values.append(value)
            }
            guard values.count == key.count else { continue }
            let names = key.map { compiled.names[$0] }
            let found = candidates.records(on: other, matchKey: names, values: values)
                .filter { $0.side == other }.map(aligned).filter { compiled.inScope($0.values) }
            guard !found.isEmpty else { continue }
            let rivals = candidates.records(on: side, matchKey: names, values: values)
                .filter { $0.side == side && $0.id != record.id }.map(aligned).filter { compiled.inScope($0.values) }
            if found.count == 1, rivals.isEmpty {
                return link(record, to: found[0], rule: .linkMatchKey, detail: "match key \(names.joined(separator: "+"))",
                            existing: existing, input: input, plan: &plan)
            }
            return ambiguous(record, candidates: (found + rivals).map(\.id), existing: existing, input: input, plan: &plan)
        }

        // 3. No counterpart: create one, unless the record had one (its link ended by
        //    `unlink` or leaving scope): creating it again would undo that delete on
        //    every later edit or complete scan. Its unlinking was journaled already.
        if let ended = input.endedLink, ended.id(other) != nil { return Plan() }
        return create(from: record, existing: existing, input: input, plan: &plan)
    }

    private func link(_ record: CanonicalRecord, to counterpart: CanonicalRecord, rule: Rule, detail: String?,
                      existing: Link?, input: ReconcileInput, plan: inout PlanBuilder) -> Plan {
        var link = existing ?? Link(id: input.newLinkID, mapping: compiled.name, crmId: nil, prmId: nil, status: .active)
        link.status = .active
        link.setId(record.id, record.side)
        link.setId(counterpart.id, counterpart.side)
        plan.setLink(link)
        plan.note(rule, .none, .link, detail: detail)
        let (crm, prm) = record.side == .crm ? (record, counterpart) : (counterpart, record)
        merge(link, base: emptyShadow, isFirstSync: true, crm: crm, prm: prm, resolutions: [:], into: &plan)
        return plan.finish()
    }

    private func ambiguous(_ record: CanonicalRecord, candidates: [String], existing: Link?, input: ReconcileInput,
                           plan: inout PlanBuilder) -> Plan {
        // Already waiting: nothing new to say.
        guard existing == nil else { return Plan() }
        var link = Link(id: input.newLinkID, mapping: compiled.name, crmId: nil, prmId: nil, status: .review)
        link.setId(record.id, record.side)
        plan.setLink(link)
        let ids = candidates.sorted()
        plan.note(.linkAmbiguous, .none, .review, detail: "candidates: \(ids.joined(separator: ", "))",
                  conflict: Conflict(kind: .ambiguousLink, linkId: link.id, candidates: ids))
        return plan.finish()
    }
}
