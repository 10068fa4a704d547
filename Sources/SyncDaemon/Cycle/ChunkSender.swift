import Dispatch
import Synchronization
import SyncCore
import SyncStore

/// Sends plan chunks on a thread of its own while the cycle reconciles and records the
/// next chunk, so that the daemon's own work overlaps the remotes' answer time. The
/// requests are the same, in the same order per remote (chunks are sent one after the
/// other, each exactly as `SyncCycle.send` sends a plan); only the cycle's CPU work runs
/// beside them. The sender has its own `SyncCycle` over a second connection to the state
/// database (one connection per thread): it records each chunk's plan (intents before any
/// write, as the cycle thread does for a single plan), sends it, and has its
/// `StoreWriter` (a third thread and connection) commit the outcomes.
/// While a chunk is in flight the cycle thread only reads the store, and the sender drains
/// its writer before it writes itself, so there is one writer at a time.
///
/// At most one chunk is in flight: `submit` waits for the previous one, which bounds
/// memory to that chunk, the one being built, and nothing more.
///
/// `@unchecked Sendable`: `sender` (and its `SyncState`) is used only by blocks on
/// `queue`, one at a time; everything the two threads share is in `progress`, under its
/// mutex; `slot` orders a chunk's block before the next `submit` or `finish` returns.
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

    private let sender: SyncCycle
    private let hooks: CycleHooks
    private let queue = DispatchQueue(label: "channelsync.cycle.sender")
    private let slot = DispatchSemaphore(value: 1)
    private let progress: Mutex<Progress>

    /// `sender`: a cycle of the same mapping and connectors over its own connection.
    init(sender: SyncCycle, summary: CycleSummary, failedSides: [Side: String], hooks: CycleHooks) {
        self.sender = sender
        self.hooks = hooks
        progress = Mutex(Progress(summary: summary, failedSides: failedSides))
    }

    /// Hands a chunk to the sender once the previous one is done; returns what completed
    /// chunks reported since the last call. Throws the first failure of a chunk before
    /// (this chunk is then neither recorded nor sent: the next cycle reconciles its
    /// records again). A stop requested before the sender records the chunk leaves it
    /// unrecorded too, and is reported as the chunk's failure.
    func submit(_ plan: CyclePlan, cycleID: Int64) throws(CycleError)
        -> [(held: Set<String>, stillHeld: Set<String>)] {
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
                guard !hooks.isStopping else { throw .stopped(mapping: sender.mapping.name) }
                try sender.record(&plan, cycleID: cycleID)
                try sender.send(&plan, summary: &summary, hooks: hooks, failedSides: &failedSides,
                                only: Set(plan.writes.map(\.writeID)))
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
