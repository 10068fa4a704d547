import Dispatch
import Synchronization
import SyncCore
import SyncStore

/// Sends plan chunks on a thread of its own while the cycle reconciles and records the
/// next chunk, so that the daemon's own work overlaps the remotes' answer time. The
/// requests are the same, in the same order per remote (chunks are sent one after the
/// other, each exactly as `SyncCycle.send` sends a plan); only the cycle's CPU work runs
/// beside them. The sender has its own `SyncCycle` over a second connection to the state
/// database (one connection per thread): each chunk's plan is recorded (intents before any
/// write, as the cycle thread does for a single plan; ahead, see below), the sender sends
/// it, and its `StoreWriter` (a third thread and connection) commits the outcomes.
/// While a chunk is in flight the cycle thread only reads the store, and the sender drains
/// its writer before it writes itself, so there is one writer at a time.
///
/// A chunk's plan is recorded ahead: `submit` hands it to the sender's `StoreWriter`
/// (one writer at a time) while the chunk before it is still being sent, so the sender
/// goes from one chunk's last request to the next chunk's first without a transaction
/// in between (in a steady cycle that was half the sender's own work beside libcurl).
/// The plans are still recorded in chunk order, each before any of its writes is sent;
/// only the previous chunk's outcomes may now be committed after it. Those touch its
/// own links alone (a create's id, its failures, the shadows held for its writes), so a
/// chunk is recorded ahead only when it names none of those links (else it, and every
/// chunk after it, is recorded on the sender once the chunk before is done, as before).
///
/// At most one chunk is in flight: `submit` records the next one ahead, then waits for
/// the previous one, which bounds memory to those two chunks and nothing more.
///
/// `@unchecked Sendable`: `sender` (and its `SyncState`) is used only by blocks on
/// `queue`, one at a time; `writer` only through its own queue; `previousOutcomeLinks`
/// and `recordingAhead` only by `submit`, on the cycle's thread; everything the threads
/// share is in `progress`, under its mutex; `slot` orders a chunk's block before the
/// next `submit` or `finish` returns.
final class ChunkSender: @unchecked Sendable {
    /// What completed chunks left for the cycle thread.
    struct Progress: Sendable {
        var summary: CycleSummary
        var failedSides: [Side: String]
        /// Links with a write that did not apply.
        var busyLinks: Set<String> = []
        /// Per completed chunk: the links whose shadows the chunk held, and those still
        /// held (writes left without an outcome).
        var completed: [(held: Set<String>, stillHeld: Set<String>)] = []
        var failure: CycleError?
    }

    /// A plan moved to the sender thread: the cycle thread no longer touches it.
    private struct Chunk: @unchecked Sendable {
        var plan: CyclePlan
    }

    /// A plan recorded ahead: its receipt once the writer has recorded it, and when the
    /// writer is done with it.
    private struct Recording: Sendable {
        final class Receipt: Sendable {
            let value = Mutex<PlanReceipt?>(nil)
        }

        let receipt: Receipt
        let done: StoreWriter.Done
    }

    private let sender: SyncCycle
    /// The sender's store writer (nil: its outcomes are written in line, and plans too).
    private let writer: StoreWriter?
    private let hooks: CycleHooks
    private let queue = DispatchQueue(label: "channelsync.cycle.sender")
    private let slot = DispatchSemaphore(value: 1)
    private let progress: Mutex<Progress>
    /// The links the outcomes of the chunk submitted last touch (kept while every chunk so
    /// far was recorded ahead: only then is the next one compared).
    private var previousOutcomeLinks: Set<String> = []
    /// False once a chunk was not recorded ahead: the plans after it wait for their turn
    /// on the sender, so that they stay in chunk order.
    private var recordingAhead = true

    /// `sender`: a cycle of the same mapping and connectors over its own connection.
    init(sender: SyncCycle, summary: CycleSummary, failedSides: [Side: String], hooks: CycleHooks) {
        self.sender = sender
        writer = sender.writer
        self.hooks = hooks
        progress = Mutex(Progress(summary: summary, failedSides: failedSides))
    }

    /// Records the chunk's plan ahead when it can, then hands the chunk to the sender once
    /// the previous one is done; returns what completed chunks reported since the last
    /// call. Throws the first failure of a chunk before; this chunk is then not sent (the
    /// next cycle reconciles its records again), and if it was recorded ahead its writes
    /// stay pending, looked up when the next cycle starts, as after a crash. A stop
    /// requested before the chunk is recorded leaves it unrecorded, and is reported as the
    /// chunk's failure; a chunk recorded ahead is sent as far as the stop allows (its
    /// writes not sent are journaled `NOT_SENT`, as in any chunk a stop interrupts).
    func submit(_ plan: CyclePlan, cycleID: Int64) throws(CycleError)
        -> [(held: Set<String>, stillHeld: Set<String>)] {
        let recording = progress.withLock { $0.failure == nil } ? recordAhead(plan, cycleID: cycleID) : nil
        slot.wait()
        let (completed, failure) = progress.withLock { progress in
            let completed = progress.completed
            progress.completed = []
            return (completed, progress.failure)
        }
        if let failure {
            slot.signal()
            throw failure
        }
        let chunk = Chunk(plan: plan)
        queue.async { [self] in
            var plan = chunk.plan
            let held = plan.heldShadowLinks
            var (summary, failedSides) = progress.withLock { ($0.summary, $0.failedSides) }
            var failure: CycleError?
            do throws(CycleError) {
                var afterFailure = false
                if let recording {
                    try take(recording, into: &plan)
                    afterFailure = progress.withLock { $0.failure != nil }
                } else {
                    guard !hooks.isStopping else { throw .stopped(mapping: sender.mapping.name) }
                    try sender.record(&plan, cycleID: cycleID)
                }
                if !afterFailure {
                    try sender.send(&plan, summary: &summary, hooks: hooks, failedSides: &failedSides,
                                    only: Set(plan.writes.map(\.writeID)))
                }
            } catch {
                failure = error
            }
            let busy = plan.linksNotApplied
            let report = (held: held, stillHeld: plan.heldShadowLinks)
            progress.withLock { progress in
                progress.summary = summary
                progress.failedSides = failedSides
                progress.busyLinks.formUnion(busy)
                progress.completed.append(report)
                if progress.failure == nil { progress.failure = failure }
            }
            slot.signal()
        }
        return completed
    }

    /// Hands the plan to the writer when every plan before it was recorded there and it
    /// names no link the outcomes of the chunk before touch; nil when it is recorded on
    /// the sender instead (and so is every chunk after it).
    private func recordAhead(_ plan: CyclePlan, cycleID: Int64) -> Recording? {
        guard recordingAhead, let writer, !hooks.isStopping,
              Self.mayRecord(plan, aheadOfOutcomesTouching: previousOutcomeLinks) else {
            recordingAhead = false
            return nil
        }
        previousOutcomeLinks = plan.outcomeLinks
        let receipt = Recording.Receipt()
        let batch = plan.batch
        let done = writer.submit("record the plan") { state in
            let recorded = batch.isEmpty ? PlanReceipt() : try state.recordPlan(batch, cycle: cycleID)
            receipt.value.withLock { $0 = recorded }
        }
        return Recording(receipt: receipt, done: done)
    }

    /// Whether `plan` may be recorded before the outcomes of a chunk whose outcomes touch
    /// `links`: it names none of them (and routes no leads).
    static func mayRecord(_ plan: CyclePlan, aheadOfOutcomesTouching links: Set<String>) -> Bool {
        plan.recordedLinks?.isDisjoint(with: links) ?? false
    }

    /// Waits until the writer has recorded the plan (throwing what failed there) and gives
    /// the writes their ids.
    private func take(_ recording: Recording, into plan: inout CyclePlan) throws(CycleError) {
        recording.done.wait()
        try writer?.check()
        guard let receipt = recording.receipt.value.withLock({ $0 }) else {
            throw .state(step: "record the plan", reason: "the store writer finished without recording it")
        }
        plan.take(receipt)
    }

    /// Waits for the chunk in flight, closes the sender's connection, and returns what
    /// every chunk left (the caller throws `failure`, if any, once it has the summary).
    func finish() -> Progress {
        slot.wait()
        defer { slot.signal() }
        queue.sync {
            sender.writer?.close()
            try? sender.state.close()
        }
        return progress.withLock { $0 }
    }
}
