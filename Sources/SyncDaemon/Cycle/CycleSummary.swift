import Connectors
import SyncCore
import SyncStore

/// What one cycle of one mapping did: the `once` command prints it, the runtime turns it
/// into a `CycleReport`, and the store keeps its counts in the cycles table.
public struct CycleSummary: Sendable, Hashable {
    /// Counts about one side: records read from it, and writes made to it.
    public struct SideCounts: Sendable, Hashable {
        /// Records (and deletes) read from this side.
        public var pulled = 0
        /// Pull pages read from this side.
        public var pages = 0
        /// Whether the pull read the whole object (hard deletes detected by absence).
        public var completeScan = false
        /// Records created, updated, deleted on this side (applied writes; planned ones in a dry run).
        public var created = 0
        public var updated = 0
        public var deleted = 0
        /// Writes to this side that failed and will be resent.
        public var failed = 0
        /// Writes to this side that became dead letters.
        public var dead = 0
        /// Writes whose outcome is still unknown (a later cycle looks them up).
        public var unsettled = 0
        /// Records read from this side that could not be normalized (journaled, not synced).
        public var unreadable = 0

        public init() {}

        /// Writes applied (or planned) to this side.
        public var written: Int { created + updated + deleted }
    }

    /// One write as planned, for the dry run and `--json`.
    public struct Write: Sendable, Hashable {
        public var side: Side
        public var operation: WriteOperation
        /// Nil for a create.
        public var recordID: String?
        public var linkID: String
        /// Canonical field → value as text.
        public var fields: [String: String]
        /// `applied`, `failed`, `dead`, `unsettled`, or `planned` in a dry run.
        public var result: String
    }

    public var mapping: String
    /// The store's cycle id (nil in a dry run).
    public var cycleID: Int64?
    public var dryRun: Bool
    public var crm = SideCounts()
    public var prm = SideCounts()
    /// Links made (by external id, match key or a create) in this cycle.
    public var linked = 0
    /// Conflicts opened for ops in this cycle.
    public var conflicts = 0
    /// Writes left pending by an earlier run, settled at the start of this cycle.
    public var recovered = RecoveryReport()
    /// Failed writes resent in this cycle.
    public var retried = 0
    /// Requests made in this cycle per remote (the connectors' counters, before and after).
    public var requests: [String: APIUsage] = [:]
    /// The whole cycle, then its two long phases: settling what an earlier run left pending
    /// and pulling both sides (records saved in the records index), and reconciling,
    /// recording and sending the plan (the sends overlap the reconciling). Elapsed time on
    /// the monotonic clock: where a slow cycle spent its time, for ops and the benchmark.
    public var durationMillis: Int64 = 0
    public var pullMillis: Int64 = 0
    public var reconcileMillis: Int64 = 0
    /// The first `listedWritesLimit` writes of the cycle, in the order sent (the rest are
    /// only counted, in `unlistedWrites` and `writeResults`: a steady cycle at a million
    /// links makes 20,000 writes, and a listing of each was memory and time for no reader).
    public var writes: [Write] = []
    /// Writes beyond `listedWritesLimit`, not in `writes`.
    public var unlistedWrites = 0
    /// Every write's result (listed or not) by side, operation and result.
    public var writeResults: [WriteResult: Int] = [:]
    public static let listedWritesLimit = 1_000

    /// A write's side, operation and result (`applied`, `failed`, `dead`, `unsettled`, `planned`).
    public struct WriteResult: Sendable, Hashable {
        public var side: Side
        public var operation: WriteOperation
        public var result: String
    }
    /// Whether both cursors moved (every intent of the mapping had an outcome).
    public var cursorsAdvanced = false

    public init(mapping: String, dryRun: Bool) {
        self.mapping = mapping
        self.dryRun = dryRun
    }

    public func counts(_ side: Side) -> SideCounts { side == .crm ? crm : prm }

    mutating func update(_ side: Side, _ change: (inout SideCounts) -> Void) {
        if side == .crm { change(&crm) } else { change(&prm) }
    }

    /// Whether the cycle found anything to do: a write, a link made or a conflict opened.
    public var hasChanges: Bool { !writes.isEmpty || unlistedWrites > 0 || linked > 0 || conflicts > 0 }

    /// Lists `write` while fewer than `listedWritesLimit` are listed (returning its place in
    /// `writes`), counts it in `writeResults` either way.
    mutating func list(_ write: @autoclosure () -> Write, side: Side, operation: WriteOperation, result: String) -> Int? {
        writeResults[WriteResult(side: side, operation: operation, result: result), default: 0] += 1
        guard writes.count < Self.listedWritesLimit else {
            unlistedWrites += 1
            return nil
        }
        writes.append(write())
        return writes.count - 1
    }

    /// Changes the result of a write counted as `old` (and listed at `place`, if it is).
    mutating func relist(side: Side, operation: WriteOperation, from old: String, to new: String, place: Int?) {
        writeResults[WriteResult(side: side, operation: operation, result: old), default: 0] -= 1
        writeResults[WriteResult(side: side, operation: operation, result: new), default: 0] += 1
        if let place, writes.indices.contains(place) { writes[place].result = new }
    }

    /// Writes that did not succeed (failed, dead, unsettled) and unreadable records.
    public var problems: Int {
        [crm, prm].reduce(0) { $0 + $1.failed + $1.dead + $1.unsettled + $1.unreadable }
    }
}
