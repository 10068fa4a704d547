import SyncCore

/// One row of the append-only journal, as read back.
///
/// Intent rows are `pending` and carry `writeID`; an intent's outcome is a later row with
/// `intentSeq` set to the intent's `seq`. Decisions that need no remote write are
/// written with a final status directly. `changes` is the caller's JSON text (an array
/// of `{"field", "before", "after"}` objects), kept verbatim.
public struct JournalRow: Sendable, Hashable {
    /// Where a row stands. Stored as its raw value.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// An intent: the remote write may or may not have happened yet.
        case pending
        /// The remote accepted the write (or a decision without a write was carried out).
        case applied
        /// The write failed and will be retried automatically.
        case failed
        /// The write failed for good: a dead letter waiting for `channelsync retry`.
        case dead
        /// Nothing was sent (nothing to do, or the write was superseded).
        case skipped

        /// Every status but `pending`: what an outcome row may hold.
        public var isFinal: Bool { self != .pending }
    }

    /// Which way the row moves data. Stored as its raw value.
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case toCRM, toPRM, none

        /// The direction that writes to `side`.
        public static func to(_ side: Side) -> Direction { side == .crm ? .toCRM : .toPRM }
    }

    public var seq: Int64
    /// Epoch milliseconds.
    public var at: Int64
    public var cycleID: Int64?
    public var mapping: String
    public var linkID: String?
    public var crmID: String?
    public var prmID: String?
    public var direction: Direction
    /// `create`, `update`, `delete`, `link`, `conflict`, `retry`, `prune`, … (the
    /// reconciler's vocabulary, plus the ops actions the store journals).
    public var operation: String
    /// The rule that decided, e.g. `propagate.crm`, `conflict.resolved`.
    public var rule: String?
    public var changes: String?
    public var detail: String?
    public var status: Status
    /// The write an intent (or an outcome) belongs to.
    public var writeID: Int64?
    /// For an outcome row: the intent it settles.
    public var intentSeq: Int64?
    /// The remote's error, verbatim (outcome rows of failed writes).
    public var error: String?
    public var attempt: Int
    /// For an intent read by `SyncState.journal`: the seq of its write's first outcome
    /// row, nil while the write is pending. (Derived; not a journal column.)
    public var outcomeSeq: Int64?

    public init(seq: Int64, at: Int64, cycleID: Int64?, mapping: String, linkID: String?, crmID: String?,
                prmID: String?, direction: Direction, operation: String, rule: String?, changes: String?,
                detail: String?, status: Status, writeID: Int64?, intentSeq: Int64?, error: String?, attempt: Int) {
        self.seq = seq
        self.at = at
        self.cycleID = cycleID
        self.mapping = mapping
        self.linkID = linkID
        self.crmID = crmID
        self.prmID = prmID
        self.direction = direction
        self.operation = operation
        self.rule = rule
        self.changes = changes
        self.detail = detail
        self.status = status
        self.writeID = writeID
        self.intentSeq = intentSeq
        self.error = error
        self.attempt = attempt
    }

    /// Whether this row is an intent (as opposed to an outcome or a decision).
    public var isIntent: Bool { status == .pending }

    /// An intent whose write has no outcome yet (as far as the reading query knew).
    public var isUnsettledIntent: Bool { isIntent && outcomeSeq == nil }
}
