/// A sorted multiset of keys kept as a list of small sorted blocks (the "sorted
/// containers" layout): insert and remove cost O(log n + block size), finding the first
/// key ≥ x costs O(log n), and the element at rank r costs O(n / block size).
///
/// Why: the sandbox serves "changed since" pages out of a million records; a plain sorted
/// array would memmove megabytes on every write, a hash map would scan everything.
struct SortedBlocks<Element: Comparable & Sendable>: Sendable {
    /// A place between elements: `offset` into `blocks[block]`; the end is `(blocks.count, 0)`.
    struct Position: Comparable {
        var block: Int
        var offset: Int

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.block, lhs.offset) < (rhs.block, rhs.offset)
        }
    }

    static var blockCapacity: Int { 1024 }

    /// Invariant: no block is empty; every block is sorted; blocks are in order.
    private(set) var blocks: [[Element]] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var startPosition: Position { Position(block: 0, offset: 0) }
    var endPosition: Position { Position(block: blocks.count, offset: 0) }

    subscript(position: Position) -> Element {
        blocks[position.block][position.offset]
    }

    var first: Element? { blocks.first?.first }
    var last: Element? { blocks.last?.last }

    func position(after position: Position) -> Position {
        if position.offset + 1 < blocks[position.block].count {
            return Position(block: position.block, offset: position.offset + 1)
        }
        return Position(block: position.block + 1, offset: 0)
    }

    /// Nil before the first element.
    func position(before position: Position) -> Position? {
        if position.offset > 0 { return Position(block: position.block, offset: position.offset - 1) }
        guard position.block > 0 else { return nil }
        return Position(block: position.block - 1, offset: blocks[position.block - 1].count - 1)
    }

    /// The first position whose element is ≥ `element` (or the end).
    func lowerBound(_ element: Element) -> Position {
        let block = firstBlock { !($0 < element) }
        guard block < blocks.count else { return endPosition }
        return Position(block: block, offset: Self.partition(blocks[block]) { !($0 < element) })
    }

    /// The first position whose element is > `element` (or the end).
    func upperBound(_ element: Element) -> Position {
        let block = firstBlock { element < $0 }
        guard block < blocks.count else { return endPosition }
        return Position(block: block, offset: Self.partition(blocks[block]) { element < $0 })
    }

    func contains(_ element: Element) -> Bool {
        let position = lowerBound(element)
        return position != endPosition && self[position] == element
    }

    /// How many elements come before `position`.
    func rank(of position: Position) -> Int {
        var total = position.offset
        for index in 0..<min(position.block, blocks.count) { total += blocks[index].count }
        return total
    }

    /// The position of the element with `rank` (0-based); the end when rank ≥ count.
    func position(atRank rank: Int) -> Position {
        guard rank < count else { return endPosition }
        var remaining = max(0, rank)
        for (index, block) in blocks.enumerated() {
            if remaining < block.count { return Position(block: index, offset: remaining) }
            remaining -= block.count
        }
        return endPosition
    }

    mutating func insert(_ element: Element) {
        count += 1
        guard !blocks.isEmpty else {
            blocks.append([element])
            return
        }
        // The first block whose last element is > element, or the last block (appends
        // of ever-newer keys land there and cost nothing to place).
        var block = firstBlock { element < $0 }
        if block == blocks.count { block -= 1 }
        let offset = Self.partition(blocks[block]) { element < $0 }
        blocks[block].insert(element, at: offset)
        if blocks[block].count > Self.blockCapacity {
            let half = blocks[block].count / 2
            let tail = Array(blocks[block][half...])
            blocks[block].removeSubrange(half...)
            blocks.insert(tail, at: block + 1)
        }
    }

    /// Removes one element equal to `element`; false when there is none.
    @discardableResult
    mutating func remove(_ element: Element) -> Bool {
        let position = lowerBound(element)
        guard position != endPosition, self[position] == element else { return false }
        count -= 1
        blocks[position.block].remove(at: position.offset)
        if blocks[position.block].isEmpty {
            blocks.remove(at: position.block)
        } else if position.block + 1 < blocks.count,
                  blocks[position.block].count + blocks[position.block + 1].count <= Self.blockCapacity / 2 {
            // Merge small neighbours so the block list stays short.
            let next = blocks.remove(at: position.block + 1)
            blocks[position.block].append(contentsOf: next)
        }
        return true
    }

    /// Gives every block storage of its own, now. After a copy of this value (a store
    /// checkpoint) the blocks are shared, and the first write to each would copy that block
    /// and allocate fresh memory while a client waits for the answer: in the bench, 10,000
    /// random updates of a million records touch every block, ≈ 0.25 s of page faults and
    /// copies per index inside the daemon's timed run that the raw transfer's replay did not
    /// pay in full.
    mutating func detachStorage() {
        for index in blocks.indices { blocks[index].reserveCapacity(blocks[index].count + 1) }
    }

    mutating func removeAll() {
        blocks = []
        count = 0
    }

    /// Elements from `position` on, in order, at most `limit` of them.
    func elements(from position: Position, limit: Int) -> [Element] {
        var out: [Element] = []
        var current = position
        while out.count < limit, current.block < blocks.count {
            out.append(self[current])
            current = self.position(after: current)
        }
        return out
    }

    // MARK: - Searching

    /// Index of the first block whose last element satisfies `predicate` (monotone).
    private func firstBlock(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            let block = blocks[middle]
            if predicate(block[block.count - 1]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Index of the first element satisfying a monotone `predicate`.
    private static func partition(_ block: [Element], where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = block.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(block[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
