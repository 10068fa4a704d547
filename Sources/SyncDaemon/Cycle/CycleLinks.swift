import SyncCore
import SyncStore

/// The links and shadows as the reconciler must see them in the middle of a cycle: the
/// store's, overlaid with what this cycle's plans decided but has not committed yet
/// (a plan chunk is committed before its writes, `ChunkedPlan`). Also the reconciler's candidate
/// lookup, backed by the store's records index.
///
/// The protocol's methods cannot throw: the first store error is kept in `failure`, the
/// lookup answers "no candidates", and the cycle checks `failure` after each reconcile.
/// (The store's own `StoreLinkCandidates` answers; this adds what the cycle decided.)
final class CycleLinks: LinkCandidates {
    let mapping: String
    let compiled: CompiledMapping
    let state: SyncState
    /// A link decided this cycle: the plan chunk that last decided it, and the records
    /// `touching` lists it under (a link decided again may name other records).
    private struct Decided {
        var link: Link
        var chunk: Int
        var touches: [(side: Side, id: String)]
    }

    /// Links decided this cycle and not yet in the store, by id. (Every record of an
    /// initial sync passes through this overlay: with a dictionary per attribute and per
    /// side it cost 14% of the cycle thread in string hashing, now 9%.)
    private var decided: [String: Decided] = [:]
    /// Per plan chunk (by number), the ids of the links it decided (a link decided again
    /// by a later chunk is listed under both), so forgetting a chunk walks its own links only.
    private var chunkLinks: [[String]] = []
    /// Per side: record id → ids of links decided this cycle that name it (one or two).
    private var crmTouching: [String: [String]] = [:]
    private var prmTouching: [String: [String]] = [:]
    /// Shadows planned this cycle, by link id, with the plan chunk that planned each.
    private var shadows: [String: (shadow: Shadow, chunk: Int)] = [:]
    /// The number of the plan chunk being reconciled.
    private(set) var chunk = 0
    private(set) var failure: CycleError?
    /// The store's answers (records in no live link of the store).
    private let store: StoreLinkCandidates
    /// The store's links of the records last passed to `prefetch`, per side (a record
    /// read with no link maps to `[]`). The store's links change when a plan chunk is
    /// recorded; until the chunk is done this cycle's overlay holds its links, and then
    /// these are dropped with them (`forgetLinks(ofChunk:)`, `forgetCommitted`).
    private var storeLinks: [Side: [String: [Link]]] = [.crm: [:], .prm: [:]]
    /// The store's shadows of the links last passed to `prefetchShadows` (nil: none).
    private var storeShadows: [String: ShadowRecord?] = [:]

    init(compiled: CompiledMapping, state: SyncState) {
        self.mapping = compiled.name
        self.compiled = compiled
        self.state = state
        store = StoreLinkCandidates(state: state, mapping: compiled)
    }

    /// The record's open link (active, flagged or in review), this cycle's decisions first.
    /// An active link wins over a review link of the same record (the store's rule).
    func openLink(_ side: Side, _ id: String) throws(CycleError) -> Link? {
        Self.open(in: try knownLinks(side, id))
    }

    /// `openLink`, and without an open link, a link of the record that ended with both
    /// records named (`unlinked`), if any: the reconciler links such a record again but
    /// never creates its counterpart anew. One read of the record's links.
    func openOrEndedLink(_ side: Side, _ id: String) throws(CycleError) -> (open: Link?, ended: Link?) {
        let known = try knownLinks(side, id)
        if let open = Self.open(in: known) { return (open, nil) }
        return (nil, known.filter { $0.status == .unlinked && $0.id(side.other) != nil }.min { $0.id < $1.id })
    }

    private static func open(in links: [Link]) -> Link? {
        links.filter(\.isOpen).min { (rank($0.status), $0.id) < (rank($1.status), $1.id) }
    }

    /// Every link naming the record on `side`: the store's, overlaid with this cycle's.
    private func knownLinks(_ side: Side, _ id: String) throws(CycleError) -> [Link] {
        var found: [String: Link] = [:]
        if let stored = storeLinks[side]?[id] {
            for link in stored { found[link.id] = link }
        } else {
            do {
                for record in try state.links(mapping: mapping, side: side, recordID: id) { found[record.id] = record.link }
            } catch {
                throw CycleError.store("read the links of \(side) record \(id)", error)
            }
        }
        for linkID in touching(side)[id] ?? [] { found[linkID] = decided[linkID]?.link }
        return found.values.filter { $0.id(side) == id }
    }

    private static func rank(_ status: LinkStatus) -> Int {
        switch status {
        case .active: 0
        case .flagged: 1
        default: 2
        }
    }

    /// Reads the store's links of `ids` on `side` in a few batched queries, for the
    /// `openLink` calls that follow; replaces what the last call read.
    func prefetch(_ side: Side, _ ids: [String]) throws(CycleError) {
        let read = try storedLinks(side, ids)
        storeLinks = [.crm: [:], .prm: [:]]
        storeLinks[side] = read
    }

    /// `prefetch` for records of both sides at once (one query per side).
    func prefetch(_ records: ArraySlice<(side: Side, id: String)>) throws(CycleError) {
        var read: [Side: [String: [Link]]] = [:]
        for side in Side.allCases {
            read[side] = try storedLinks(side, records.filter { $0.side == side }.map(\.id))
        }
        storeLinks = read
    }

    /// The store's links of `ids` on `side` (a record with none maps to `[]`).
    private func storedLinks(_ side: Side, _ ids: [String]) throws(CycleError) -> [String: [Link]] {
        var read: [String: [Link]] = [:]
        do {
            for (id, records) in try state.links(mapping: mapping, side: side, recordIDs: ids) {
                read[id] = records.map(\.link)
            }
        } catch {
            throw CycleError.store("read the links of \(ids.count) \(side) records", error)
        }
        for id in ids where read[id] == nil { read[id] = [] }
        return read
    }

    /// `prefetch` from links the pull read (`PulledSide.links`; an id absent there has none).
    func prefetch(_ side: Side, _ ids: [String], from known: [String: [Link]]) {
        var read: [String: [Link]] = [:]
        for id in ids { read[id] = known[id] ?? [] }
        storeLinks = [.crm: [:], .prm: [:]]
        storeLinks[side] = read
    }

    /// Reads the store's shadows of `linkIDs` in a few batched queries, for the `shadow`
    /// calls that follow; replaces what the last call read.
    func prefetchShadows(_ linkIDs: [String]) throws(CycleError) {
        let read: [String: ShadowRecord]
        do {
            read = try state.shadows(linkIDs: linkIDs)
        } catch {
            throw CycleError.store("read the shadows of \(linkIDs.count) links", error)
        }
        storeShadows = [:]
        storeShadows.reserveCapacity(linkIDs.count)
        for linkID in linkIDs { storeShadows[linkID] = .some(read[linkID]) }
    }

    /// Forgets what `prefetch` and `prefetchShadows` read.
    func dropPrefetched() {
        storeLinks = [.crm: [:], .prm: [:]]
        storeShadows = [:]
    }

    /// After a plan chunk was recorded and sent: its links, and the shadows its outcomes
    /// saved, are the store's now, so this cycle's overlay forgets them (memory holds one
    /// chunk's, not the cycle's). Shadows in `keepingShadows` are still held (their
    /// writes have no outcome): the store's shadow of those links is older. What
    /// `prefetch` read is dropped too, since the store's links changed; prefetched
    /// shadows stay (they are of links not reconciled yet, which no chunk wrote).
    func forgetCommitted(keepingShadows: Set<String>) {
        dropLinks()
        shadows = shadows.filter { keepingShadows.contains($0.key) }
    }

    /// A chunk was handed to the sender thread, which records it: its links stay until
    /// the sender is done with it (`forgetLinks(ofChunk:)`), its held shadows until their
    /// outcomes (`forgetShadows`). The next chunk's links and shadows are numbered anew.
    func nextChunk() {
        chunk += 1
    }

    /// Chunk `number` is recorded and sent: its links are the store's now (those a later
    /// chunk decided again stay). What `prefetch` read is dropped too: it may predate them.
    func forgetLinks(ofChunk number: Int) {
        guard chunkLinks.indices.contains(number) else { return }
        var recorded = false
        for linkID in chunkLinks[number] {
            guard let index = decided.index(forKey: linkID), decided.values[index].chunk == number else { continue }
            recorded = true
            for (side, id) in decided.remove(at: index).value.touches {
                switch side {
                case .crm: Self.remove(linkID, under: id, from: &crmTouching)
                case .prm: Self.remove(linkID, under: id, from: &prmTouching)
                }
            }
        }
        chunkLinks[number] = []
        guard recorded else { return }
        storeLinks = [.crm: [:], .prm: [:]]
    }

    private static func remove(_ linkID: String, under id: String, from touching: inout [String: [String]]) {
        guard let index = touching.index(forKey: id) else { return }
        touching.values[index].removeAll { $0 == linkID }
        if touching.values[index].isEmpty { touching.remove(at: index) }
    }

    /// This cycle's links and what `prefetch` read: the store holds the recorded ones.
    private func dropLinks() {
        decided = [:]
        chunkLinks = []
        crmTouching = [:]
        prmTouching = [:]
        storeLinks = [.crm: [:], .prm: [:]]
    }

    /// Forgets the shadows chunk `number` planned for the links in `held` and not in
    /// `stillHeld`, now saved by their outcomes (a shadow a later chunk planned again for
    /// the same link stays).
    func forgetShadows(_ held: Set<String>, except stillHeld: Set<String>, ofChunk number: Int) {
        for linkID in held where !stillHeld.contains(linkID) {
            guard let index = shadows.index(forKey: linkID), shadows.values[index].chunk == number else { continue }
            shadows.remove(at: index)
        }
    }

    private func touching(_ side: Side) -> [String: [String]] {
        side == .crm ? crmTouching : prmTouching
    }

    /// The pair's shadow: planned this cycle, else the stored one.
    func shadow(linkID: String) throws(CycleError) -> Shadow? {
        if let planned = shadows[linkID] { return planned.shadow }
        let record: ShadowRecord?
        if let prefetched = storeShadows[linkID] {
            record = prefetched
        } else {
            do {
                record = try state.shadow(linkID: linkID)
            } catch {
                throw CycleError.store("read the shadow of link \(linkID)", error)
            }
        }
        return try record.map { record throws(CycleError) in try Shadow(record, names: compiled.names) }
    }

    /// Takes in a plan's links and shadow, so later reconciles of this cycle see them.
    func apply(_ plan: Plan, callLink: String?) {
        while chunkLinks.count <= chunk { chunkLinks.append([]) }
        for link in plan.links {
            chunkLinks[chunk].append(link.id)
            var touches = decided[link.id]?.touches ?? []
            for side in Side.allCases {
                guard let id = link.id(side) else { continue }
                let added = switch side {
                case .crm: Self.append(link.id, to: &crmTouching[id, default: []])
                case .prm: Self.append(link.id, to: &prmTouching[id, default: []])
                }
                if added { touches.append((side, id)) }
            }
            decided[link.id] = Decided(link: link, chunk: chunk, touches: touches)
        }
        if let shadow = plan.shadow, let linkID = plan.links.first?.id ?? callLink {
            shadows[linkID] = (shadow, chunk)
        }
    }

    /// Lists `linkID` among a record's links unless it is already; returns whether it was
    /// added. (Passed `&map[id, default: []]`: the record is looked up once.)
    private static func append(_ linkID: String, to ids: inout [String]) -> Bool {
        guard !ids.contains(linkID) else { return false }
        ids.append(linkID)
        return true
    }

    // MARK: LinkCandidates

    func record(on side: Side, id: String) -> CanonicalRecord? {
        filtered(side, [store.record(on: side, id: id)].compactMap { $0 }).first
    }

    func records(on side: Side, externalId: String) -> [CanonicalRecord] {
        filtered(side, store.records(on: side, externalId: externalId))
    }

    func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord] {
        filtered(side, store.records(on: side, matchKey: fields, values: values))
    }

    /// The store's candidates minus records this cycle already put in a live link.
    private func filtered(_ side: Side, _ records: [CanonicalRecord]) -> [CanonicalRecord] {
        if let error = store.failure, failure == nil {
            failure = CycleError.store("look up link candidates on the \(side)", error)
        }
        let touching = touching(side)
        return records.filter { record in
            !(touching[record.id] ?? []).contains { decided[$0]?.link.status == .active || decided[$0]?.link.status == .flagged }
        }
    }
}
