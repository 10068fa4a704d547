import SyncCore
import SyncStore

extension SyncCycle {
    /// One linked pair and what each side reported for it this cycle.
    private struct Pair {
        let link: Link
        var crm: RecordChange?
        var prm: RecordChange?
    }

    /// Reconciles everything pulled: linked pairs first (both sides' changes together, so
    /// a field edited on both is one three-way merge), then unlinked records one at a
    /// time, each seeing the links the earlier ones made. Every plan goes into `plan`.
    func reconcile(crm: PulledSide, prm: PulledSide, into plan: inout CyclePlan) throws(CycleError) {
        let links = CycleLinks(compiled: compiled, state: state)
        let registrations = makeRegistrations()
        let resolutions = try resolvedFields()
        for pulled in [crm, prm] {
            for (id, errors) in pulled.unreadable.sorted(by: { $0.key < $1.key }) {
                plan.addUnreadable(side: pulled.side, id: id, errors: errors, withheld: pulled.withheld.contains(id))
            }
        }
        var pairs: [String: Pair] = [:]
        var unlinked: [(side: Side, change: RecordChange)] = []
        for pulled in [crm, prm] {
            for batch in Self.batches(pulled.order) {
                try links.prefetch(pulled.side, batch)
                for id in batch {
                    guard let change = pulled.changes[id] else { continue }
                    guard let link = try links.openLink(pulled.side, id) else {
                        unlinked.append((pulled.side, change))
                        continue
                    }
                    var pair = pairs[link.id] ?? Pair(link: link)
                    if pulled.side == .crm { pair.crm = change } else { pair.prm = change }
                    pairs[link.id] = pair
                }
            }
        }
        for linkID in resolutions.keys.sorted() where pairs[linkID] == nil {
            do {
                if let record = try state.link(id: linkID) { pairs[linkID] = Pair(link: record.link) }
            } catch {
                throw CycleError.store("read link \(linkID)", error)
            }
        }
        for batch in Self.batches(pairs.keys.sorted()) {
            try links.prefetchShadows(batch)
            for linkID in batch {
                guard var pair = pairs[linkID] else { continue }
                if pair.link.status == .active {
                    // A record delivered unchanged (quiet) still takes part when its pair is
                    // reconciled for the other side's change or a resolution.
                    if pair.crm == nil, let id = pair.link.crmId, crm.quiet.contains(id) {
                        pair.crm = .upserted(try indexedRecord(side: .crm, id: id))
                    }
                    if pair.prm == nil, let id = pair.link.prmId, prm.quiet.contains(id) {
                        pair.prm = .upserted(try indexedRecord(side: .prm, id: id))
                    }
                }
                let shadow = try links.shadow(linkID: linkID)
                let resolved = pair.link.status == .active ? resolutions[linkID] ?? [:] : [:]
                if resolved.isEmpty, Self.nothingNew(pair.crm, pair.prm, link: pair.link, shadow: shadow) { continue }
                try reconcile(link: pair.link, shadow: shadow, crm: pair.crm, prm: pair.prm, resolutions: resolved,
                              links: links, registrations: registrations, into: &plan)
            }
        }
        links.dropPrefetched()
        for (side, change) in unlinked {
            // An earlier plan of this cycle may have linked it already.
            let link = try links.openLink(side, change.id)
            // A record read only in part is not linked or created from what it lacks.
            if link == nil, (side == .crm ? crm : prm).unreadable[change.id] != nil { continue }
            let shadow = try link.map { link throws(CycleError) in try links.shadow(linkID: link.id) } ?? nil
            let ended = link == nil ? try links.endedLink(side, change.id) : nil
            try reconcile(link: link, shadow: shadow, crm: side == .crm ? change : nil, prm: side == .prm ? change : nil,
                          resolutions: [:], endedLink: ended, links: links, registrations: registrations, into: &plan)
        }
        if let registrations { try expireRegistrations(registrations, links: links, into: &plan) }
    }

    private func reconcile(link: Link?, shadow: Shadow?, crm: RecordChange?, prm: RecordChange?,
                           resolutions: [String: Value], endedLink: Link? = nil, links: CycleLinks,
                           registrations: CycleRegistrations?, into plan: inout CyclePlan) throws(CycleError) {
        let input = ReconcileInput(link: link, shadow: shadow, crm: crm, prm: prm, resolutions: resolutions,
                                   newLinkID: settings.makeLinkID(), now: clock(), endedLink: endedLink)
        var decided: Plan
        do {
            decided = try reconciler.reconcile(input, candidates: links)
        } catch {
            throw .reconcile(reason: String(describing: error))
        }
        if let failure = links.failure { throw failure }
        if let registrations { decided = try registrations.review(decided, input: input) }
        links.apply(decided, callLink: link?.id)
        try plan.add(decided, link: link)
    }

    /// Ops' decisions on field conflicts, by link and field: what both sides must hold.
    private func resolvedFields() throws(CycleError) -> [String: [String: Value]] {
        let conflicts: [ConflictRecord]
        do {
            conflicts = try state.resolvedConflicts(mapping: mapping.name)
        } catch {
            throw CycleError.store("read the resolved conflicts", error)
        }
        var resolutions: [String: [String: Value]] = [:]
        for conflict in conflicts where conflict.kind == .field {
            guard let field = conflict.field, let text = conflict.resolvedValue else { continue }
            resolutions[conflict.linkID, default: [:]][field] =
                try StateCoding.value(Value.self, from: text, what: "the resolution of conflict \(conflict.id)")
        }
        return resolutions
    }

    /// Ids per slice: links and shadows are read a slice at a time (one query each).
    static let readSlice = 200

    /// Ids in slices of `readSlice`, so memory holds one slice of links and shadows, not
    /// every changed pair's.
    private static func batches(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: readSlice).map { Array(ids[$0..<min($0 + readSlice, ids.count)]) }
    }

    /// True when an active pair's records are exactly what its shadow already holds, at
    /// times already seen: an overlap re-read or a full scan's unchanged record. Nothing
    /// to decide, so nothing is journaled (a full-scan API would otherwise journal every
    /// record on every cycle).
    private static func nothingNew(_ crm: RecordChange?, _ prm: RecordChange?, link: Link, shadow: Shadow?) -> Bool {
        guard link.status == .active, let shadow else { return false }
        for (side, change) in [(Side.crm, crm), (Side.prm, prm)] {
            switch change {
            case nil: continue
            case .deleted?: return false
            case let .upserted(record)?:
                guard record.values == shadow.values(side), record.modifiedAt <= shadow.modifiedAt(side) ?? .min else {
                    return false
                }
            }
        }
        return true
    }
}
