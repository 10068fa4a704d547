import Connectors
import SyncCore
import SyncStore

/// What one side reported in this cycle: the newest change per record, in the order
/// first seen, and how the pull ended.
///
/// Records are kept as ids: the newest delivery of each readable record is what the
/// records index holds (`SyncState.saveRecords`), and the cycle reads it back a slice at
/// a time when it reconciles (`SyncCycle.changes(of:ids:)`), so memory grows with the
/// number of ids, not with the records' fields. Only records the index does not hold as
/// kept here (read in part) are kept whole. Records whose index entries fit in the first
/// `keptBudget` bytes are kept in memory too (`kept`), as reconciled: a steady cycle's
/// changes fit, and reconciling them reads and parses nothing back; an initial sync's
/// mostly do not, and those are read back. (A kept record of an active link is the one
/// exception to "the index holds it": its existing row is left as it was.)
struct PulledSide {
    /// One record's newest change.
    enum Held {
        /// Upserted; the records index holds it exactly (modified at that time).
        case indexed(modifiedAt: Int64)
        /// Upserted, kept whole (the index does not hold it: it was read in part).
        case record(CanonicalRecord)
        case deleted(at: Int64)

        var time: Int64 {
            switch self {
            case let .indexed(at), let .deleted(at): at
            case let .record(record): record.modifiedAt
            }
        }
    }

    let side: Side
    /// The newest change per record id.
    private(set) var changes: [String: Held] = [:]
    /// Record ids in the order first seen (the order unlinked records are reconciled in).
    private(set) var order: [String] = []
    /// Ids delivered with nothing to reconcile (withheld); with `changes` and `quiet`,
    /// every id the pull delivered (see `delivered`). Not one set of every id: that was a
    /// second hash insert per pulled record.
    private var seenOnly: Set<String> = []
    /// Ids delivered exactly as their active link's shadow holds them, at a time already
    /// seen: nothing to decide unless the other side changed the pair (then the record is
    /// read back from the records index). Kept as ids only, so that a complete scan of a
    /// mostly unchanged side holds no records in memory.
    private(set) var quiet: Set<String> = []
    /// When the pull read them (an incremental pull, page by page while the next page was
    /// on the wire: `SyncCycle.noteLinks`), the store's links of the delivered records that
    /// have any, by record id; a delivered record absent here has none. Nil: reconciling
    /// reads them.
    var links: [String: [Link]]?
    /// Records of `indexed` changes, as saved in the index, while their entries fit in
    /// `keptBudget` (with the size each is counted at).
    private(set) var kept: [String: (record: CanonicalRecord, size: Int)] = [:]
    private var keptBytes = 0
    /// Bytes of index entries (values text, id and overhead) `kept` holds at most
    /// (`CycleSettings.keptRecordBytes`).
    let keptBudget: Int
    /// Records with fields that could not be read, and why.
    var unreadable: [String: [FieldError]] = [:]
    /// Records not to reconcile at all this cycle (an unreadable scope or match-key field).
    var withheld: Set<String> = []
    var cursor = SideCursor()
    var completeScan = false
    var pages = 0
    var pulled = 0

    init(side: Side, keptBudget: Int = 0) {
        self.side = side
        self.keptBudget = keptBudget
    }

    /// Keeps `change` unless a newer change of the same record is already known; returns
    /// whether it was kept (a change not kept must not replace the index's row either).
    @discardableResult
    mutating func note(_ change: Held, id: String) -> Bool {
        // One lookup for the usual case, a record delivered once.
        guard let existing = changes.updateValue(change, forKey: id) else {
            order.append(id)
            return true
        }
        guard change.time >= existing.time else {
            changes[id] = existing
            return false
        }
        forgetKept(id)
        return true
    }

    /// Keeps the record of an `indexed` change just noted (`entry`: its index entry), if
    /// it fits in the budget; returns whether it did.
    @discardableResult
    mutating func keep(_ record: CanonicalRecord, entry: RecordSnapshot) -> Bool {
        let size = Self.size(of: entry)
        guard keptBytes + size <= keptBudget else { return false }
        keptBytes += size
        if let replaced = kept.updateValue((record, size), forKey: record.id) { keptBytes -= replaced.size }
        return true
    }

    /// Whether the store's links (`links`, read during an incremental pull) put `id` in
    /// an `active` link.
    func isActivelyLinked(_ id: String) -> Bool {
        links?[id]?.contains { $0.status == .active } ?? false
    }

    private mutating func forgetKept(_ id: String) {
        guard let replaced = kept.removeValue(forKey: id) else { return }
        keptBytes -= replaced.size
    }

    /// What a record costs in `kept`: about its entry's text, and a guess at the structs
    /// and table slot.
    private static func size(of snapshot: RecordSnapshot) -> Int {
        snapshot.values.utf8.count + 2 * snapshot.id.utf8.count + (snapshot.externalID?.utf8.count ?? 0) + 160
    }

    /// Marks an id as delivered without a change to reconcile.
    mutating func noteSeen(_ id: String) {
        seenOnly.insert(id)
    }

    /// Marks an id as delivered unchanged (see `quiet`).
    mutating func noteQuiet(_ id: String) {
        quiet.insert(id)
    }

    /// Whether the pull delivered `id`, readable or not (a complete scan's "still there").
    func delivered(_ id: String) -> Bool {
        changes[id] != nil || quiet.contains(id) || seenOnly.contains(id)
    }

    /// Turns a quiet id back into a change (as the index holds it), before the same id
    /// delivered again is noted: the newer of the two must win, as for any change.
    mutating func unquiet(_ id: String, modifiedAt: Int64) {
        guard quiet.remove(id) != nil else { return }
        note(.indexed(modifiedAt: modifiedAt), id: id)
    }
}
