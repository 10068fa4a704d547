

extension ObjectTable {
    /// Walks `index` from `start` (forwards, or backwards when `descending`), skipping
    /// `skip` matches, collecting up to `limit`, and stopping at the first key for which
    /// `stop` is true. Work is proportional to the keys visited, not the table.
    func scan<Key: RecordIndexKey>(_ index: SortedBlocks<Key>, from start: SortedBlocks<Key>.Position,
                               descending: Bool = false, stop: ((Key) -> Bool)? = nil,
                               skip: Int = 0, limit: Int, includeDeleted: Bool,
                               where predicate: ((SandboxRecord) -> Bool)? = nil) -> ScanPage<Key> {
        var records: [SandboxRecord] = []
        records.reserveCapacity(min(limit, 2048))
        var skipped = 0
        var position: SortedBlocks<Key>.Position? = start
        while let current = position, current.block < index.blocks.count {
            let key = index[current]
            if let stop, stop(key) { break }
            if let record = self.records[key.id], includeDeleted || !record.isDeleted,
               predicate?(record) ?? true {
                if skipped < skip {
                    skipped += 1
                } else if records.count == limit {
                    return ScanPage(records: records, next: current)
                } else {
                    records.append(record)
                }
            }
            position = descending ? index.position(before: current) : index.position(after: current)
        }
        return ScanPage(records: records, next: nil)
    }

    /// Counts matching records from `start` until `stop`.
    func count<Key: RecordIndexKey>(_ index: SortedBlocks<Key>, from start: SortedBlocks<Key>.Position,
                                stop: ((Key) -> Bool)? = nil, includeDeleted: Bool,
                                where predicate: (SandboxRecord) -> Bool) -> Int {
        var total = 0
        var position = start
        while position.block < index.blocks.count {
            let key = index[position]
            if let stop, stop(key) { break }
            if let record = records[key.id], includeDeleted || !record.isDeleted, predicate(record) { total += 1 }
            position = index.position(after: position)
        }
        return total
    }
}
