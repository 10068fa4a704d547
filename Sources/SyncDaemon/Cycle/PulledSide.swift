import Connectors
import SyncCore

/// What one side reported in this cycle: the newest change per record, in the order
/// first seen, and how the pull ended.
struct PulledSide {
    let side: Side
    /// The newest change per record id.
    private(set) var changes: [String: RecordChange] = [:]
    /// Record ids in the order first seen (the order unlinked records are reconciled in).
    private(set) var order: [String] = []
    /// Every id the pull delivered, readable or not (a complete scan's "still there" set).
    private(set) var seen: Set<String> = []
    /// Ids delivered exactly as their active link's shadow holds them, at a time already
    /// seen: nothing to decide unless the other side changed the pair (then the record is
    /// read back from the records index). Kept as ids only, so that a complete scan of a
    /// mostly unchanged side holds no records in memory.
    private(set) var quiet: Set<String> = []
    /// Records with fields that could not be read, and why.
    var unreadable: [String: [FieldError]] = [:]
    /// Records not to reconcile at all this cycle (an unreadable scope or match-key field).
    var withheld: Set<String> = []
    var cursor = SideCursor()
    var completeScan = false
    var pages = 0
    var pulled = 0

    init(side: Side) {
        self.side = side
    }

    /// Keeps `change` unless a newer change of the same record is already known.
    mutating func note(_ change: RecordChange) {
        let id = change.id
        seen.insert(id)
        if let existing = changes[id] {
            if Self.time(of: change) >= Self.time(of: existing) { changes[id] = change }
        } else {
            changes[id] = change
            order.append(id)
        }
    }

    /// Marks an id as delivered without a change to reconcile.
    mutating func noteSeen(_ id: String) {
        seen.insert(id)
    }

    /// Marks an id as delivered unchanged (see `quiet`).
    mutating func noteQuiet(_ id: String) {
        seen.insert(id)
        quiet.insert(id)
    }

    /// Turns a quiet id back into a change (its record read back), before the same id
    /// delivered again is noted: the newer of the two must win, as for any change.
    mutating func unquiet(_ record: CanonicalRecord) {
        guard quiet.remove(record.id) != nil else { return }
        note(.upserted(record))
    }

    private static func time(of change: RecordChange) -> Int64 {
        switch change {
        case let .upserted(record): record.modifiedAt
        case let .deleted(_, at): at
        }
    }
}
