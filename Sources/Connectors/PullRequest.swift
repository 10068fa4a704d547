/// One incremental read of one object.
public struct PullRequest: Sendable, Hashable {
    /// The remote's object: `Opportunity`, `deals`, `Deal`, …
    public var object: String
    /// Native top-level field names the mapping needs (the connector adds its own
    /// id, modstamp and deleted fields).
    public var fields: [String]
    /// Nil: read everything (the first sync, or a re-baseline).
    public var since: PullCursor?
    /// How far before `since.highWater` to re-read, in milliseconds.
    public var overlapMillis: Int64

    public init(object: String, fields: [String], since: PullCursor?, overlapMillis: Int64 = 60_000) {
        self.object = object
        self.fields = fields
        self.since = since
        self.overlapMillis = overlapMillis
    }
}

/// One page of changes, handed to the engine as soon as it arrives so that
/// memory stays bounded by the page size, not by the object size.
public struct ChangePage: Sendable, Hashable {
    public var records: [NativeRecord]
    public var deletes: [DeletedRecord]
    /// The cursor to save once every write this page causes is final.
    public var cursor: PullCursor

    public init(records: [NativeRecord], deletes: [DeletedRecord] = [], cursor: PullCursor) {
        self.records = records
        self.deletes = deletes
        self.cursor = cursor
    }
}

/// How a pull ended.
public struct PullSummary: Sendable, Hashable {
    /// Where the next pull starts.
    public var cursor: PullCursor
    /// The pull read the whole object (no change filter, first sync, or a
    /// re-baseline after a purged delete log or an expired delta token): every
    /// known record that was not seen is gone.
    public var completeScan: Bool
    public var pages: Int

    public init(cursor: PullCursor, completeScan: Bool, pages: Int) {
        self.cursor = cursor
        self.completeScan = completeScan
        self.pages = pages
    }
}
