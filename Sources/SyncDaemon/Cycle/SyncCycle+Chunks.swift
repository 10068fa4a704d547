import SyncCore
import SyncStore

extension SyncCycle {
    /// Records and sends the chunk once it is full (between two reconciles only).
    func flushIfFull(_ chunked: inout ChunkedPlan, links: CycleLinks) throws(CycleError) {
        guard chunked.isFull else { return }
        try flush(&chunked, links: links, last: false)
    }

    /// Records the chunk's plan in one transaction (intents before any write is sent),
    /// then sends its writes and commits their outcomes (`send`); a dry run lists them as
    /// planned. A stop request is honoured before recording, as for a single plan: the
    /// chunks already sent have their outcomes, the cursors stay put.
    ///
    /// A chunk before the `last` goes to the sender thread (`overlapSends`), which records
    /// and sends it while this thread reconciles the next (its links stay in `links` until
    /// the sender is done with it). The last goes there too when there is a sender, and
    /// this thread waits for it; a plan of one chunk is recorded and sent here (no thread
    /// to start for it). The order of requests per remote is that of the chunks.
    func flush(_ chunked: inout ChunkedPlan, links: CycleLinks, last: Bool) throws(CycleError) {
        var plan = chunked.current
        chunked.current = CyclePlan(mapping: mapping)
        chunked.linked += plan.linked
        chunked.conflicts += plan.conflicts
        chunked.retried += plan.retries
        guard !chunked.hooks.isStopping else { throw .stopped(mapping: mapping.name) }
        chunked.recorded += 1
        if !settings.dryRun, settings.overlapSends, !last || chunked.sender != nil {
            if chunked.sender == nil { chunked.sender = try makeSender(chunked) }
            if let sender = chunked.sender {
                chunked.inFlight.append(links.chunk)
                links.nextChunk()
                chunked.forget(try sender.submit(plan, cycleID: chunked.cycleID), links: links)
                if last, let failure = chunked.finishSender(links: links) { throw failure }
                return
            }
        }
        if let failure = chunked.finishSender(links: links) { throw failure }
        try record(&plan, cycleID: chunked.cycleID)
        if settings.dryRun {
            plan.listAll(as: "planned", into: &chunked.summary, describe: describe)
            for write in plan.writes { count(write, into: &chunked.summary) }
        } else {
            try send(&plan, summary: &chunked.summary, hooks: chunked.hooks, failedSides: &chunked.failedSides)
            chunked.busyLinks.formUnion(plan.linksNotApplied)
        }
        // The chunk's links and saved shadows are the store's now; shadows still held
        // (writes without an outcome, or a dry run) stay for the chunks that follow.
        links.forgetCommitted(keepingShadows: plan.heldShadowLinks)
    }

    /// Records a chunk's plan in one transaction — its intents, decisions, links and
    /// conflicts, committed before any of its writes is sent — and gives each write its id.
    func record(_ plan: inout CyclePlan, cycleID: Int64) throws(CycleError) {
        let receipt: PlanReceipt
        do {
            receipt = plan.batch.isEmpty ? PlanReceipt() : try state.recordPlan(plan.batch, cycle: cycleID)
        } catch {
            throw CycleError.store("record the plan", error)
        }
        plan.take(receipt)
    }

    /// The sender thread's cycle: this mapping and these connectors over a connection of
    /// its own. Nil (chunks are then sent here) when that connection cannot be opened.
    private func makeSender(_ chunked: ChunkedPlan) throws(CycleError) -> ChunkSender? {
        let sibling: SyncState
        do {
            sibling = try state.sibling(checkpoints: false)
        } catch {
            logger.warning("plan chunks are sent one after the other: no second state connection",
                           ["reason": String(describing: error)])
            return nil
        }
        do {
            let cycle = try SyncCycle(mapping: mapping, crm: crm, prm: prm, state: sibling, settings: settings,
                                      clock: clock, logger: logger)
            cycle.writer = makeWriter(for: "outcomes", checkpoints: true)
            return ChunkSender(sender: cycle, summary: chunked.summary, failedSides: chunked.failedSides,
                               hooks: chunked.hooks)
        } catch {
            try? sibling.close()
            throw error
        }
    }

    /// A `StoreWriter` over a connection of its own (an eighth of the page cache); nil
    /// (this thread then writes `what` itself) when that connection cannot be opened.
    /// `checkpoints`: whether its commits copy the WAL back (`SyncState.sibling`).
    func makeWriter(for what: String, checkpoints: Bool) -> StoreWriter? {
        do {
            return StoreWriter(state: try state.sibling(cacheShare: 8, checkpoints: checkpoints))
        } catch {
            logger.warning("\(what) are written in line: no further state connection", ["reason": String(describing: error)])
            return nil
        }
    }

    /// The changes of `ids` as `pulled` holds them: indexed records from those it keeps
    /// in memory, the others read back from the records index with one query (ids
    /// without a change are absent).
    func changes(of pulled: PulledSide, ids: [String]) throws(CycleError) -> [String: RecordChange] {
        var result: [String: RecordChange] = [:]
        result.reserveCapacity(ids.count)
        var indexed: [(id: String, modifiedAt: Int64)] = []
        indexed.reserveCapacity(ids.count)
        for id in ids {
            switch pulled.changes[id] {
            case nil: continue
            case let .indexed(modifiedAt)?: indexed.append((id, modifiedAt))
            case let .record(record)?: result[id] = .upserted(record)
            case let .deleted(at)?: result[id] = .deleted(id: id, at: at)
            }
        }
        guard !indexed.isEmpty else { return result }
        do {
            let kept = pulled.kept
            let unkept = indexed.filter { kept[$0.id]?.record.modifiedAt != $0.modifiedAt }.map(\.id)
            let read = try state.indexedRecords(mapping: mapping.name, side: pulled.side, ids: unkept)
            for (id, modifiedAt) in indexed {
                if let record = kept[id]?.record, record.modifiedAt == modifiedAt {
                    result[id] = .upserted(record)
                    continue
                }
                guard let snapshot = read[id], !snapshot.deleted, snapshot.modifiedAt == modifiedAt else {
                    throw StateError.unreadableRow(table: "records", column: "id",
                                                   found: "no row as pulled for \(pulled.side) record \(id)")
                }
                result[id] = .upserted(try snapshot.canonicalRecord(alignedTo: compiled.names))
            }
        } catch {
            throw CycleError.store("read \(indexed.count) pulled \(pulled.side) records (kept, or back from the records index)",
                                   error)
        }
        return result
    }
}
