import Connectors
import SyncCore
import SyncStore

/// One sync cycle of one mapping, from pull to cursor (ARCHITECTURE.md, "Data flow of one
/// cycle" and "Commit order"):
///
/// 1. writes left pending by a crash are looked up (a create by its external id) and
///    settled first, so a create is never sent twice;
/// 2. each side is pulled since its cursor, page by page; each record is normalized (one
///    that cannot be read is journaled as a failure) and kept in the records index;
/// 3. linked pairs with a change on either side are reconciled, then unlinked records one
///    at a time (each seeing the links the previous ones made); a complete scan turns
///    known records that were not seen into deletes;
/// 4. plans are gathered in chunks of up to `CycleSettings.planChunkRecords` (`ChunkedPlan`):
///    every intent, decision, link and conflict of a chunk is committed in one transaction,
///    then its writes go out per side in batches of the connector's `maxBatch`, and each
///    batch's outcomes are committed with the shadows of the pairs now settled. Chunks
///    before the last are recorded and sent by a `ChunkSender` thread while this one
///    reconciles the next (same requests, same order per remote);
/// 5. the cursors advance only when no write of the mapping is left without an outcome.
///
/// Both `channelsync once` and the daemon's runtime call `run`. Not `Sendable`: one
/// cycle runs on one queue with its own `SyncState` connection (the sender thread has a
/// cycle and a connection of its own).
public final class SyncCycle {
    public let mapping: Mapping
    let compiled: CompiledMapping
    let reconciler: Reconciler
    let crm: any Connector
    let prm: any Connector
    let state: SyncState
    let settings: CycleSettings
    /// Wall-clock epoch milliseconds: the reconciler's `now`, full-scan ages, durations.
    let clock: @Sendable () -> Int64
    let logger: Logger
    /// Writes beside this thread (`StoreWriter`): the records index while pulling, and on
    /// the sender thread's cycle the outcomes while sending; nil: written here, in line.
    var writer: StoreWriter?
    /// The registration-expiry check this cycle starts from (the last good cycle's, taken
    /// off the connection so a failed cycle leaves none: the next checks every link) and
    /// the one it leaves once it ends well (`expireRegistrations`).
    var expiryCheck: (previous: ExpiryCheck?, next: ExpiryCheck?) = (nil, nil)

    public init(mapping: Mapping, crm: any Connector, prm: any Connector, state: SyncState,
                settings: CycleSettings = CycleSettings(), clock: @escaping @Sendable () -> Int64 = SyncState.systemMillis,
                logger: Logger = .disabled) throws(CycleError) {
        do {
            reconciler = try Reconciler(mapping: mapping)
        } catch {
            throw .invalidMapping(mapping: mapping.name, reason: String(describing: error))
        }
        self.mapping = mapping
        compiled = reconciler.compiled
        self.crm = crm
        self.prm = prm
        self.state = state
        self.settings = settings
        self.clock = clock
        self.logger = logger.with("mapping", mapping.name)
    }

    func connector(_ side: Side) -> any Connector { side == .crm ? crm : prm }

    func remote(_ side: Side) -> String { mapping.binding(side).remote }

    /// Runs the cycle. Throws only when it could not get as far as committing a plan
    /// (a pull failed, the state database refused); write failures are outcomes, counted
    /// in the summary and journaled.
    public func run(hooks: CycleHooks = .none) throws(CycleError) -> CycleSummary {
        let started = MonotonicClock.system.now()
        var summary = CycleSummary(mapping: mapping.name, dryRun: settings.dryRun)
        let before = usage()
        let cycleID: Int64
        do {
            cycleID = try state.openCycle(mapping: mapping.name)
        } catch {
            throw CycleError.store("open a cycle", error)
        }
        summary.cycleID = settings.dryRun ? nil : cycleID
        expiryCheck = (settings.dryRun ? state.expiryChecks[mapping.name] : state.expiryChecks.removeValue(forKey: mapping.name),
                       nil)
        do {
            try runSteps(cycleID: cycleID, summary: &summary, hooks: hooks)
        } catch {
            summary.requests = usage(since: before)
            try? state.closeCycle(cycleID, result: error == .stopped(mapping: mapping.name) ? .interrupted : .failed,
                                  counts: counts(summary), remotes: remoteUsage(summary), error: error.description)
            // Not logged here: the caller reports it once (the daemon's "cycle failed", `once`'s stderr).
            throw error
        }
        summary.requests = usage(since: before)
        summary.durationMillis = Self.millis(since: started)
        do {
            try state.closeCycle(cycleID, result: summary.problems == 0 && summary.cursorsAdvanced ? .ok : .partial,
                                 counts: counts(summary), remotes: remoteUsage(summary))
        } catch {
            throw CycleError.store("close cycle \(cycleID)", error)
        }
        if !settings.dryRun, let next = expiryCheck.next { state.expiryChecks[mapping.name] = next }
        return summary
    }

    private func runSteps(cycleID: Int64, summary: inout CycleSummary, hooks: CycleHooks) throws(CycleError) {
        let pullStarted = MonotonicClock.system.now()
        summary.recovered = try settlePending().report
        var pulled: [Side: PulledSide] = [:]
        do {
            for side in Side.allCases {
                pulled[side] = try pull(side, hooks: hooks)
            }
            // Reconciling reads the records index (candidates, records read back): all saved.
            try writer?.drain()
        } catch {
            closeWriter()
            throw error
        }
        closeWriter()
        summary.pullMillis = Self.millis(since: pullStarted)
        for side in Side.allCases {
            guard let side = pulled[side] else { continue }
            summary.update(side.side) { counts in
                counts.pulled = side.pulled
                counts.pages = side.pages
                counts.completeScan = side.completeScan
                counts.unreadable = side.unreadable.count
            }
        }
        let due: [FailureRecord]
        do {
            due = try state.dueRetries(mapping: mapping.name)
        } catch {
            throw CycleError.store("read the writes due for a resend", error)
        }
        let retries = try splitRetries(due, pulled: pulled)
        var chunked = try ChunkedPlan(mapping: mapping, summary: summary, cycleID: cycleID, hooks: hooks,
                                  limit: settings.planChunkRecords, retries: retries.resend)
        let links = CycleLinks(compiled: compiled, state: state)
        let reconcileStarted = MonotonicClock.system.now()
        do {
            try reconcile(crm: pulled[.crm] ?? PulledSide(side: .crm), prm: pulled[.prm] ?? PulledSide(side: .prm),
                          merging: retries.merge, links: links, into: &chunked)
            try flush(&chunked, links: links, last: true)
        } catch {
            // The chunks sent before the stop or failure are counted in the cycle's row.
            _ = chunked.finishSender(links: links)
            summary = chunked.totals
            summary.reconcileMillis = Self.millis(since: reconcileStarted)
            throw error
        }
        summary = chunked.totals
        summary.reconcileMillis = Self.millis(since: reconcileStarted)
        try distributeLeads(pulled, busy: chunked.busyLinks, cycleID: cycleID, summary: &summary, hooks: hooks)
        if settings.dryRun { return }
        try advanceCursors(pulled, summary: &summary)
    }

    /// Elapsed milliseconds since `start` on the monotonic clock (phase timings; `clock`
    /// stamps the journal and may be a test's manual clock).
    static func millis(since start: MonotonicInstant) -> Int64 {
        max(0, (MonotonicClock.system.now() - start).nanoseconds / 1_000_000)
    }

    /// Runs `work` on `writer` when the cycle has one (throwing first what failed there
    /// before), else here, now; `what` names it in the error.
    func store(_ what: String, _ work: @escaping @Sendable (SyncState) throws -> Void) throws(CycleError) {
        if let writer {
            try writer.check()
            writer.submit(what, work)
            return
        }
        do {
            try work(state)
        } catch {
            throw CycleError.store(what, error)
        }
    }

    /// Waits for the records the pull handed to `writer` and closes its connection (an
    /// unfinished save after a failed pull is simply written again by the next cycle).
    private func closeWriter() {
        writer?.close()
        writer = nil
    }

    /// Saves both cursors once every write of the mapping has an outcome.
    private func advanceCursors(_ pulled: [Side: PulledSide], summary: inout CycleSummary) throws(CycleError) {
        do {
            guard try state.pendingIntentCount(mapping: mapping.name) == 0 else {
                logger.info("cursors kept: writes without an outcome remain")
                return
            }
            for side in Side.allCases {
                guard let pulledSide = pulled[side] else { continue }
                let text = try StateCoding.text(pulledSide.cursor, what: "cursor")
                try state.saveCursor(mapping: mapping.name, side: side, value: text,
                                     highWater: pulledSide.cursor.pull?.highWater)
            }
            summary.cursorsAdvanced = true
        } catch {
            throw CycleError.store("save the cursors", error)
        }
    }

    // MARK: Usage and counts

    private func usage() -> [String: APIUsage] {
        var usage: [String: APIUsage] = [:]
        for side in Side.allCases { usage[remote(side)] = connector(side).usage() }
        return usage
    }

    private func usage(since before: [String: APIUsage]) -> [String: APIUsage] {
        var delta: [String: APIUsage] = [:]
        for (remote, now) in usage() {
            let then = before[remote] ?? APIUsage()
            delta[remote] = APIUsage(requests: max(0, now.requests - then.requests),
                                     throttled: max(0, now.throttled - then.throttled),
                                     quotaUsed: now.quotaUsed, quotaLimit: now.quotaLimit)
        }
        return delta
    }

    private func counts(_ summary: CycleSummary) -> CycleCounts {
        CycleCounts(pulledCRM: summary.crm.pulled, pulledPRM: summary.prm.pulled, writtenCRM: summary.crm.written,
                    writtenPRM: summary.prm.written, conflicts: summary.conflicts, failures: summary.problems)
    }

    private func remoteUsage(_ summary: CycleSummary) -> [RemoteUsage] {
        summary.requests.sorted { $0.key < $1.key }.map { remote, usage in
            RemoteUsage(remote: remote, requests: usage.requests, throttled: usage.throttled,
                        quotaUsed: usage.quotaUsed, quotaLimit: usage.quotaLimit)
        }
    }

    /// Counts a write's result on its side.
    func count(_ write: OutgoingWrite, result: JournalRow.Status = .applied, into summary: inout CycleSummary) {
        summary.update(write.side) { counts in
            switch (result, write.operation) {
            case (.applied, .create): counts.created += 1
            case (.applied, .update): counts.updated += 1
            case (.applied, .delete): counts.deleted += 1
            case (.failed, _): counts.failed += 1
            case (.dead, _): counts.dead += 1
            case (.pending, _): counts.unsettled += 1
            case (.skipped, _): break
            }
        }
    }

    /// A write as the summary lists it.
    func describe(_ write: OutgoingWrite, result: String) -> CycleSummary.Write {
        let operation = write.summaryOperation
        var fields: [String: String] = [:]
        for (name, value) in write.canonical { fields[name] = ValueText.text(value) }
        return CycleSummary.Write(side: write.side, operation: operation, recordID: write.recordID,
                                  linkID: write.linkID ?? "", fields: fields, result: result)
    }
}
