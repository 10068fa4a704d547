/// What one pull remembers about the records it delivered near its high-water mark, so
/// that re-reading the overlap window (needed because records can commit with a modstamp
/// older than one already served) delivers each `(id, modstamp)` once.
///
/// A record is skipped when it was delivered before with the same modification time; a
/// late commit (new id or new time) passes. Entries older than `highWater − overlap` are
/// dropped, and at most `capacity` are kept (oldest first out): a dropped entry only means
/// that record may be delivered once more, which the engine's shadow comparison absorbs.
/// Amortised O(1) per record: entries are kept in arrival order (nearly modstamp order)
/// and pruned from the front.
struct OverlapMemory: Sendable {
    private(set) var seen: [String: Int64]
    private var order: [(id: String, stamp: Int64)]
    private var head = 0
    private(set) var highWater: Int64?
    let overlap: Int64
    let capacity: Int

    /// Starts from `cursor`'s memory, or empty.
    init(cursor: PullCursor?, overlap: Int64, capacity: Int) {
        self.overlap = max(0, overlap)
        self.capacity = max(0, capacity)
        highWater = cursor?.highWater
        seen = cursor?.overlapSeen ?? [:]
        order = seen.map { (id: $0.key, stamp: $0.value) }.sorted { $0.stamp < $1.stamp || ($0.stamp == $1.stamp && $0.id < $1.id) }
        prune()
    }

    /// True when `id` was delivered before at exactly `stamp`.
    func delivered(id: String, stamp: Int64) -> Bool {
        seen[id] == stamp
    }

    /// Remembers a delivery and moves the high-water mark.
    mutating func note(id: String, stamp: Int64) {
        seen[id] = stamp
        order.append((id, stamp))
        if stamp > highWater ?? .min { highWater = stamp }
        prune()
    }

    /// Remembers a delete delivered at `stamp` without moving the high-water mark (delete
    /// feeds are not ordered with the change feed).
    mutating func noteDelete(id: String, stamp: Int64) {
        seen[id] = stamp
        order.append((id, stamp))
    }

    /// Drops what fell out of the window or over capacity.
    mutating func prune() {
        let floor = highWater.map { $0 > Int64.min + overlap ? $0 - overlap : Int64.min } ?? Int64.min
        while head < order.count {
            let entry = order[head]
            let stale = seen[entry.id] != entry.stamp
            guard stale || entry.stamp < floor || seen.count > capacity else { break }
            if !stale { seen[entry.id] = nil }
            head += 1
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// The cursor to hand out with a page: the high-water mark and this memory.
    mutating func cursor(deletesCoveredUntil: Int64?) -> PullCursor {
        prune()
        return PullCursor(highWater: highWater, token: nil, deletesCoveredUntil: deletesCoveredUntil,
                          overlapSeen: seen.isEmpty ? nil : seen)
    }
}
