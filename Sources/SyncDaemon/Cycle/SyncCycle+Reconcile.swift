import SyncCore
import SyncStore

extension SyncCycle {
    /// One linked pair and the ids of its records with a change this cycle.
    private struct Pair {
        let link: Link
        var crm: String?
        var prm: String?
    }

    /// Reconciles everything pulled: linked pairs first (both sides' changes together, so
    /// a field edited on both is one three-way merge), then unlinked records one at a
    /// time, each seeing the links the earlier ones made. Plans go into `chunked`, which
    /// is recorded and sent whenever it is full (between two reconciles) and once more by
    /// the caller at the end. Records are read back from the records index a
    /// slice at a time. `merging`: failed updates, by link, merged into their pair's
    /// reconcile instead of resent (`splitRetries`).
    func reconcile(crm: PulledSide, prm: PulledSide, merging: [String: MergedRetry] = [:], links: CycleLinks,
                   into chunked: inout ChunkedPlan) throws(CycleError) {
        var merging = merging
        let registrations = makeRegistrations(pulled: [crm, prm])
        let resolutions = try resolvedFields()
        for pulled in [crm, prm] {
            for (id, errors) in pulled.unreadable.sorted(by: { $0.key < $1.key }) {
                chunked.current.addUnreadable(side: pulled.side, id: id, errors: errors,
                                              withheld: pulled.withheld.contains(id))
            }
        }
        var pairs: [String: Pair] = [:]
        // At most one pair per linked record delivered, when the pull read their links.
        pairs.reserveCapacity((crm.links?.count ?? 0) + (prm.links?.count ?? 0))
        var unlinked: [(side: Side, id: String)] = []
        for pulled in [crm, prm] {
            for batch in Self.batches(pulled.order) {
                if let known = pulled.links {
                    links.prefetch(pulled.side, batch, from: known)
                } else {
                    try links.prefetch(pulled.side, batch)
                }
                for id in batch where pulled.changes[id] != nil {
                    guard let link = try links.openLink(pulled.side, id) else {
                        unlinked.append((pulled.side, id))
                        continue
                    }
                    var pair = pairs[link.id] ?? Pair(link: link)
                    if pulled.side == .crm { pair.crm = id } else { pair.prm = id }
                    pairs[link.id] = pair
                }
            }
        }
        links.dropPrefetched()
        for linkID in resolutions.keys.sorted() where pairs[linkID] == nil {
            do {
                if let record = try state.link(id: linkID) { pairs[linkID] = Pair(link: record.link) }
            } catch {
                throw CycleError.store("read link \(linkID)", error)
            }
        }
        try flushIfFull(&chunked, links: links)
        for batch in Self.batches(pairs.keys.sorted()) {
            try links.prefetchShadows(batch)
            let crmChanges = try changes(of: crm, ids: batch.compactMap { pairs[$0]?.crm })
            let prmChanges = try changes(of: prm, ids: batch.compactMap { pairs[$0]?.prm })
            for linkID in batch {
                guard let ids = pairs[linkID] else { continue }
                var crmChange = ids.crm.flatMap { crmChanges[$0] }
                var prmChange = ids.prm.flatMap { prmChanges[$0] }
                if ids.link.status == .active {
                    // A record delivered unchanged (quiet) still takes part when its pair is
                    // reconciled for the other side's change or a resolution.
                    if crmChange == nil, let id = ids.link.crmId, crm.quiet.contains(id) {
                        crmChange = .upserted(try indexedRecord(side: .crm, id: id))
                    }
                    if prmChange == nil, let id = ids.link.prmId, prm.quiet.contains(id) {
                        prmChange = .upserted(try indexedRecord(side: .prm, id: id))
                    }
                }
                let shadow = try links.shadow(linkID: linkID)
                let resolved = ids.link.status == .active ? resolutions[linkID] ?? [:] : [:]
                let retry = ids.link.status == .active ? merging.removeValue(forKey: linkID) : nil
                if resolved.isEmpty, retry == nil,
                   Self.nothingNew(crmChange, prmChange, link: ids.link, shadow: shadow) { continue }
                var readInPart: Set<Side> = []
                if let id = ids.crm, crm.unreadable[id] != nil { readInPart.insert(.crm) }
                if let id = ids.prm, prm.unreadable[id] != nil { readInPart.insert(.prm) }
                try reconcile(link: ids.link, shadow: shadow, crm: crmChange, prm: prmChange, readInPart: readInPart,
                              resolutions: resolved, merging: retry, links: links, registrations: registrations,
                              into: &chunked.current)
                try flushIfFull(&chunked, links: links)
            }
        }
        links.dropPrefetched()
        pairs = [:]
        // A pair whose link changed status since `splitRetries` read it: resent as before.
        for retry in merging.values.sorted(by: { $0.failure.id < $1.failure.id }) {
            try chunked.current.addRetry(retry.failure)
        }
        for slice in Self.slices(unlinked) {
            // Read now, not at `links.prefetch` before: earlier chunks may have linked them.
            try links.prefetch(slice)
            let crmChanges = try changes(of: crm, ids: slice.filter { $0.side == .crm }.map(\.id))
            let prmChanges = try changes(of: prm, ids: slice.filter { $0.side == .prm }.map(\.id))
            for (side, id) in slice {
                guard let change = side == .crm ? crmChanges[id] : prmChanges[id] else { continue }
                // An earlier plan of this cycle may have linked it already.
                let (link, ended) = try links.openOrEndedLink(side, id)
                let readInPart = (side == .crm ? crm : prm).unreadable[id] != nil
                // A record read only in part is not linked or created from what it lacks.
                if link == nil, readInPart { continue }
                let shadow = try link.map { link throws(CycleError) in try links.shadow(linkID: link.id) } ?? nil
                try reconcile(link: link, shadow: shadow, crm: side == .crm ? change : nil,
                              prm: side == .prm ? change : nil, readInPart: readInPart ? [side] : [],
                              resolutions: [:], endedLink: ended, links: links,
                              registrations: registrations, into: &chunked.current)
                try flushIfFull(&chunked, links: links)
            }
        }
        links.dropPrefetched()
        if let registrations { try expireRegistrations(registrations, links: links, into: &chunked.current) }
    }

    /// `readInPart`: the sides whose change was read in part (not in the records index).
    private func reconcile(link: Link?, shadow: Shadow?, crm: RecordChange?, prm: RecordChange?, readInPart: Set<Side>,
                           resolutions: [String: Value], endedLink: Link? = nil, merging retry: MergedRetry? = nil,
                           links: CycleLinks, registrations: CycleRegistrations?,
                           into plan: inout CyclePlan) throws(CycleError) {
        let input = ReconcileInput(link: link, shadow: shadow, crm: crm, prm: prm, resolutions: resolutions,
                                   newLinkID: link == nil ? settings.makeLinkID() : "", now: clock(), endedLink: endedLink,
                                   unsent: retry?.unsent)
        var decided: Plan
        do {
            decided = try reconciler.reconcile(input, candidates: links)
        } catch {
            throw .reconcile(reason: String(describing: error))
        }
        if let failure = links.failure { throw failure }
        if let registrations { decided = try registrations.review(decided, input: input) }
        try refreshIndex(endedBy: decided, link: link, shadow: shadow, crm: crm, prm: prm, readInPart: readInPart)
        links.apply(decided, callLink: link?.id)
        try plan.add(decided, link: link)
        if let retry { plan.supersede(retry) }
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
    static func batches(_ ids: [String]) -> [[String]] {
        slices(ids).map(Array.init)
    }

    /// Items in slices of `readSlice`.
    private static func slices<Item>(_ items: [Item]) -> [ArraySlice<Item>] {
        stride(from: 0, to: items.count, by: readSlice).map { items[$0..<min($0 + readSlice, items.count)] }
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
