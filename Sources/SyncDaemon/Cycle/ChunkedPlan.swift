import SyncCore
import SyncStore

/// The cycle's plan, recorded and sent a chunk at a time (`CycleSettings.planChunkRecords`),
/// so that memory holds one chunk's writes, intents and held shadows instead of the whole
/// cycle's. Reconciling stays in the same order (linked pairs, then unlinked records, each
/// seeing the links made before it: a chunk's links are in `CycleLinks`' overlay until it
/// is recorded and sent, in the store after).
struct ChunkedPlan {
    /// The chunk being filled.
    var current: CyclePlan
    /// The cycle's summary while chunks are sent.
    var summary: CycleSummary
    let cycleID: Int64
    let hooks: CycleHooks
    let limit: Int
    /// Links with a write of this cycle that did not apply (lead routing leaves them alone).
    var busyLinks: Set<String> = []
    /// Per side, why a write batch of an earlier chunk failed (the rest of that side is
    /// not sent this cycle).
    var failedSides: [Side: String] = [:]
    /// Sends the chunks before the last while the next is reconciled (`overlapSends`);
    /// it owns `summary` and `failedSides` from its start until `finishSender`.
    var sender: ChunkSender?
    /// Numbers (`CycleLinks.chunk`) of the chunks handed to the sender, oldest first,
    /// whose completion the cycle thread has not seen yet.
    var inFlight: [Int] = []
    /// Chunks flushed so far (recorded here or handed to the sender, which records them).
    var recorded = 0
    var linked = 0
    var conflicts = 0
    var retried = 0

    /// `retries`: failed writes due for a resend (this cycle's own failures wait for the
    /// next). They open the first chunk, before any write reconciled this cycle: a resend
    /// carries the values of the cycle it failed in, and a write planned now for the same
    /// record carries newer ones, which must land last.
    init(mapping: Mapping, summary: CycleSummary, cycleID: Int64, hooks: CycleHooks, limit: Int,
         retries: [FailureRecord]) throws(CycleError) {
        current = CyclePlan(mapping: mapping)
        self.summary = summary
        self.cycleID = cycleID
        self.hooks = hooks
        self.limit = max(1, limit)
        for failure in retries { try current.addRetry(failure) }
    }

    /// True once the chunk holds its share of records: `limit`, but `firstChunkRecords` for
    /// the first chunk, doubling with each chunk after it — the sender thread gets its
    /// first writes after a few hundred reconciles instead of after `limit`, and the
    /// chunks grow while it sends.
    var isFull: Bool {
        current.batch.intents.count + current.batch.decisions.count + current.batch.shadows.count
            >= Self.size(ofChunk: recorded, limit: limit)
    }

    /// The records of the chunk numbered `chunk` (0 first): `firstChunkRecords` doubled
    /// per chunk before it, at most `limit`.
    static func size(ofChunk chunk: Int, limit: Int) -> Int {
        min(limit, firstChunkRecords << min(chunk, 16))
    }

    static let firstChunkRecords = 250

    /// Waits for the sender's last chunk and takes back the summary and what the chunks
    /// left; returns the first failure of a chunk sent there.
    mutating func finishSender(links: CycleLinks) -> CycleError? {
        guard let sender else { return nil }
        self.sender = nil
        let progress = sender.finish()
        summary = progress.summary
        failedSides = progress.failedSides
        busyLinks.formUnion(progress.busyLinks)
        forget(progress.completed, links: links)
        return progress.failure
    }

    /// Drops from the links' overlay the links completed chunks recorded and the shadows
    /// their outcomes saved.
    mutating func forget(_ completed: [(held: Set<String>, stillHeld: Set<String>)], links: CycleLinks) {
        for report in completed where !inFlight.isEmpty {
            let number = inFlight.removeFirst()
            links.forgetLinks(ofChunk: number)
            links.forgetShadows(report.held, except: report.stillHeld, ofChunk: number)
        }
    }

    /// The summary with the plans' counts of every chunk recorded.
    var totals: CycleSummary {
        var totals = summary
        totals.linked = linked
        totals.conflicts = conflicts
        totals.retried = retried
        return totals
    }
}
