/// Filters for reading the journal; every filter set must match (AND).
public struct JournalQuery: Sendable, Hashable {
    public var mapping: String?
    /// A CRM id, a PRM id or a link id: rows that carry it, plus rows of links that
    /// hold it.
    public var record: String?
    /// Epoch ms, inclusive.
    public var since: Int64?
    /// Epoch ms, exclusive.
    public var until: Int64?
    public var operation: String?
    /// `pending`: intents whose write has no outcome yet; other statuses as stored.
    public var status: JournalRow.Status?
    /// Only rows with a larger seq (`--follow`).
    public var afterSeq: Int64?
    /// Only rows with this seq or a smaller one.
    public var throughSeq: Int64?
    /// At most this many rows: the newest ones when `newestFirst`, else the oldest
    /// after `afterSeq`.
    public var limit: Int
    /// True: the newest `limit` rows (returned oldest first). False: the oldest rows
    /// after `afterSeq` (for following the journal).
    public var newest: Bool

    public init(mapping: String? = nil, record: String? = nil, since: Int64? = nil, until: Int64? = nil,
                operation: String? = nil, status: JournalRow.Status? = nil, afterSeq: Int64? = nil,
                throughSeq: Int64? = nil, limit: Int = 100, newest: Bool = true) {
        self.mapping = mapping
        self.record = record
        self.since = since
        self.until = until
        self.operation = operation
        self.status = status
        self.afterSeq = afterSeq
        self.throughSeq = throughSeq
        self.limit = limit
        self.newest = newest
    }
}
