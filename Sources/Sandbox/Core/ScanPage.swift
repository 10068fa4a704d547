/// One page read out of an index.
struct ScanPage<Key: RecordIndexKey> {
    var records: [SandboxRecord]
    /// Where the next matching record sits, when there is one.
    var next: SortedBlocks<Key>.Position?
    var hasMore: Bool { next != nil }
}
