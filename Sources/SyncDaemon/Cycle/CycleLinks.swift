import SyncCore
import SyncStore

/// The links and shadows as the reconciler must see them in the middle of a cycle: the
/// store's, overlaid with what this cycle's plans decided but has not committed yet
/// (plans are committed together, before the writes). Also the reconciler's candidate
/// lookup, backed by the store's records index.
///
/// The protocol's methods cannot throw: the first store error is kept in `failure`, the
/// lookup answers "no candidates", and the cycle checks `failure` after each reconcile.
/// (The store's own `StoreLinkCandidates` answers; this adds what the cycle decided.)
final class CycleLinks: LinkCandidates {
    let mapping: String
    let compiled: CompiledMapping
    let state: SyncState
    /// Links decided this cycle, by id.
    private(set) var links: [String: Link] = [:]
    /// Per side: record id → ids of links decided this cycle that name it.
    private var touching: [Side: [String: Set<String>]] = [.crm: [:], .prm: [:]]
    /// Shadows planned this cycle, by link id.
    private var shadows: [String: Shadow] = [:]
    private(set) var failure: CycleError?
    /// The store's answers (records in no live link of the store).
    private let store: StoreLinkCandidates

    init(compiled: CompiledMapping, state: SyncState) {
        self.mapping = compiled.name
        self.compiled = compiled
        self.state = state
        store = StoreLinkCandidates(state: state, mapping: compiled)
    }

    /// The record's open link (active, flagged or in review), this cycle's decisions first.
    /// An active link wins over a review link of the same record (the store's rule).
    func openLink(_ side: Side, _ id: String) throws(CycleError) -> Link? {
        var found: [String: Link] = [:]
        do {
            for record in try state.links(mapping: mapping, side: side, recordID: id) { found[record.id] = record.link }
        } catch {
            throw CycleError.store("read the links of \(side) record \(id)", error)
        }
        for linkID in touching[side]?[id] ?? [] { found[linkID] = links[linkID] }
        let open = found.values.filter { $0.id(side) == id && $0.isOpen }
        return open.min { (Self.rank($0.status), $0.id) < (Self.rank($1.status), $1.id) }
    }

    private static func rank(_ status: LinkStatus) -> Int {
        switch status {
        case .active: 0
        case .flagged: 1
        default: 2
        }
    }

    /// The pair's shadow: planned this cycle, else the stored one.
    func shadow(linkID: String) throws(CycleError) -> Shadow? {
        if let shadow = shadows[linkID] { return shadow }
        let record: ShadowRecord?
        do {
            record = try state.shadow(linkID: linkID)
        } catch {
            throw CycleError.store("read the shadow of link \(linkID)", error)
        }
        return try record.map { record throws(CycleError) in try Shadow(record, names: compiled.names) }
    }

    /// Takes in a plan's links and shadow, so later reconciles of this cycle see them.
    func apply(_ plan: Plan, callLink: String?) {
        for link in plan.links {
            links[link.id] = link
            for side in Side.allCases {
                if let id = link.id(side) { touching[side, default: [:]][id, default: []].insert(link.id) }
            }
        }
        if let shadow = plan.shadow, let linkID = plan.links.first?.id ?? callLink {
            shadows[linkID] = shadow
        }
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
        return records.filter { record in
            !(touching[side]?[record.id] ?? []).contains { links[$0]?.status == .active || links[$0]?.status == .flagged }
        }
    }
}
