import Connectors
import SyncCore
import SyncStore

extension SyncCycle {
    /// Codes the connectors use for writes that never left (see `WriteLoop`).
    static let notSent = "NOT_SENT"
    static let outcomeUnknown = "OUTCOME_UNKNOWN"
    /// Remote codes saying a record is already gone: a delete of it has nothing to do.
    static let goneCodes: Set<String> = ["ENTITY_IS_DELETED", "NOT_FOUND", "INVALID_CROSS_REFERENCE_KEY"]

    /// Sends the recorded intents, per side, grouped by operation into batches of the
    /// connector's `maxBatch` (`CycleSettings.singleWriteBatch` for connectors that send
    /// one request per record); commits the outcomes with the shadows of the pairs they
    /// settle every `outcomeCommitWrites` writes or `outcomeCommitMillis`, whichever
    /// comes first, and at the end of each side. (Each commit is a sync to disk: after
    /// every batch of ten single-record writes they were a third of a steady cycle's wall
    /// time. A crash before a commit leaves those writes pending, looked up on restart.)
    /// A batch the connector could not answer stays pending and the rest of that side is
    /// not sent; pending writes are looked up at the end.
    ///
    /// A stop request is honoured between batches: the batch in flight finishes and its
    /// outcomes are committed, every write not yet sent is journaled as failed with
    /// `NOT_SENT` (retried by the next cycle, in one transaction), and the cycle ends.
    func send(_ plan: inout CyclePlan, summary: inout CycleSummary, hooks: CycleHooks) throws(CycleError) {
        var failedSides: [Side: String] = [:]
        try send(&plan, summary: &summary, hooks: hooks, failedSides: &failedSides)
    }

    /// `send` for one plan chunk of several: `failedSides` carries, per side, why an
    /// earlier batch of the cycle failed, so that the chunks after it do not send to
    /// that side either (as with one plan).
    ///
    /// `only`: the write ids this call may look up when their answer was lost (the sender
    /// thread's chunk: its own writes); nil for all of the mapping's pending writes.
    func send(_ plan: inout CyclePlan, summary: inout CycleSummary, hooks: CycleHooks,
              failedSides: inout [Side: String], only: Set<Int64>? = nil) throws(CycleError) {
        let cycleID = summary.cycleID
        var stopRequested = false
        var unsentDrafts: [OutcomeDraft] = []
        var unsentFinal: Set<Int> = []
        // Why writes were left without an outcome (the remote's words), for their lookup.
        var causes: [Int64: RemoteRefusal] = [:]
        for side in Side.allCases {
            var failedEarlier = failedSides[side]
            defer { failedSides[side] = failedEarlier }
            var held = HeldOutcomes(since: clock())
            for chunk in batches(plan.writes, side: side) {
                try writer?.check()
                if !stopRequested, hooks.isStopping {
                    stopRequested = true
                    logger.info("stop requested: writes not sent yet are left for the next cycle")
                }
                if !held.drafts.isEmpty, chunk.contains(where: { plan.writes[$0].awaitsTarget }) {
                    // Its target id comes from a create whose outcome is still held.
                    try commit(held.drafts, final: held.final, plan: &plan, side: side, cycle: cycleID)
                    held = HeldOutcomes(since: clock())
                }
                var drafts: [OutcomeDraft] = []
                var final: Set<Int> = []
                var unsent: [Int] = []
                for index in chunk {
                    try fillTarget(&plan.writes[index])
                    if let refused = refuseUnsendable(plan.writes[index]) {
                        settle(index, refused, plan: &plan, drafts: &drafts, final: &final, summary: &summary)
                    } else {
                        unsent.append(index)
                    }
                }
                if let reason = stopRequested ? "a stop was requested" : failedEarlier {
                    let refusal = RemoteRefusal(code: Self.notSent, message: "not sent: \(reason)")
                    for index in unsent {
                        let failed = OutcomeDraft(writeID: plan.writes[index].writeID, status: .failed, refusal: refusal)
                        settle(index, failed, plan: &plan, drafts: &drafts, final: &final, summary: &summary,
                               quiet: true)
                    }
                    unsent = []
                } else if !unsent.isEmpty {
                    do {
                        let outcomes = try write(unsent.map { plan.writes[$0] }, side: side)
                        for index in unsent {
                            guard let result = outcomes[String(plan.writes[index].writeID)] else {
                                settle(index, nil, plan: &plan, drafts: &drafts, final: &final, summary: &summary)
                                continue
                            }
                            let decided = outcome(plan.writes[index], result)
                            if decided == nil, case let .failed(failure) = result {
                                causes[plan.writes[index].writeID] = RemoteRefusal(
                                    httpStatus: failure.status, code: failure.code, message: failure.message)
                            }
                            settle(index, decided, plan: &plan, drafts: &drafts, final: &final, summary: &summary)
                        }
                    } catch {
                        failedEarlier = "an earlier batch to the \(side) failed: \(error)"
                        logger.warning("write batch failed; its outcome is looked up", [
                            "side": side.rawValue, "remote": remote(side), "writes": String(unsent.count),
                            "reason": String(describing: error),
                        ])
                        let cause = RemoteRefusal(batchError: error)
                        for index in unsent {
                            causes[plan.writes[index].writeID] = cause
                            settle(index, nil, plan: &plan, drafts: &drafts, final: &final, summary: &summary)
                        }
                    }
                }
                if stopRequested {
                    // Nothing was sent: one transaction for all of them, after the loop.
                    unsentDrafts += drafts
                    unsentFinal.formUnion(final)
                    continue
                }
                held.drafts += drafts
                held.final.formUnion(final)
                let now = clock()
                if held.drafts.count >= settings.outcomeCommitWrites || now - held.since >= settings.outcomeCommitMillis {
                    try commit(held.drafts, final: held.final, plan: &plan, side: side, cycle: cycleID)
                    held = HeldOutcomes(since: now)
                }
                hooks.pageDone(chunk.count)
            }
            try commit(held.drafts, final: held.final, plan: &plan, side: side, cycle: cycleID)
        }
        try commit(unsentDrafts, final: unsentFinal, plan: &plan, side: nil, cycle: cycleID)
        try writer?.drain()
        try settleUnanswered(&plan, summary: &summary, causes: causes, only: only)
    }

    /// Outcomes of one side not committed yet, and since when.
    private struct HeldOutcomes {
        var drafts: [OutcomeDraft] = []
        var final: Set<Int> = []
        let since: Int64

        init(since: Int64) {
            self.since = since
        }
    }

    /// Commits outcomes with the shadows of the pairs they settle (handed to `writer`,
    /// when the cycle has one).
    private func commit(_ drafts: [OutcomeDraft], final: Set<Int>, plan: inout CyclePlan, side: Side?,
                        cycle: Int64?) throws(CycleError) {
        let shadows = plan.releaseShadows(final: final)
        guard !drafts.isEmpty || !shadows.isEmpty else { return }
        let batch = OutcomeBatch(outcomes: drafts, shadows: shadows)
        // The intents' memos go with the batch (to the writer's connection, or back here).
        let memos = state.takeMemos(writeIDs: drafts.map(\.writeID))
        try store("record the outcomes of \(side.map { "a \($0) batch" } ?? "the writes not sent")") { state in
            state.adopt(memos)
            try state.recordOutcomes(batch, cycle: cycle)
        }
    }

    /// Looks up the writes no answer came back for, then saves the shadows they held.
    /// `causes`: the remote's error per write, carried into its outcome.
    private func settleUnanswered(_ plan: inout CyclePlan, summary: inout CycleSummary,
                                  causes: [Int64: RemoteRefusal], only: Set<Int64>?) throws(CycleError) {
        guard summary.crm.unsettled + summary.prm.unsettled > 0 else { return }
        let resolutions: [Int64: PendingResolution]
        do {
            resolutions = try settlePending(causes: causes, only: only).resolutions
        } catch {
            // They stay pending: the cursors stay put and the next cycle looks them up first.
            logger.warning("unsettled writes stay pending", ["reason": error.description])
            return
        }
        var final: Set<Int> = []
        for (index, write) in plan.writes.enumerated() {
            guard let resolution = resolutions[write.writeID] else { continue }
            final.insert(index)
            summary.update(write.side) { $0.unsettled -= 1 }
            let result: JournalRow.Status = switch resolution {
            case .applied: .applied
            case .notApplied: .failed
            case .unknown: .dead
            }
            count(write, result: result, into: &summary)
            summary.relist(side: write.side, operation: write.summaryOperation, from: write.result ?? "unsettled",
                           to: result.rawValue, place: plan.listed[index])
            plan.writes[index].result = result.rawValue
        }
        let shadows = plan.releaseShadows(final: final)
        guard !shadows.isEmpty else { return }
        do {
            try state.recordPlan(PlanBatch(shadows: shadows), cycle: summary.cycleID)
        } catch {
            throw CycleError.store("save the shadows of settled writes", error)
        }
    }

    /// Write indices of one side, creates then updates then deletes, in chunks of the
    /// connector's largest batch.
    private func batches(_ writes: [OutgoingWrite], side: Side) -> [[Int]] {
        let limits = connector(side).limits
        let size = max(1, limits.oneRequestPerWrite ? min(limits.maxBatch, settings.singleWriteBatch) : limits.maxBatch)
        var chunks: [[Int]] = []
        for operation in [WriteRecord.Operation.create, .update, .delete] {
            let indices = writes.indices.filter { writes[$0].side == side && writes[$0].operation == operation }
            var start = 0
            while start < indices.count {
                chunks.append(Array(indices[start..<min(start + size, indices.count)]))
                start += size
            }
        }
        return chunks
    }

    /// One connector call; outcomes by key.
    private func write(_ writes: [OutgoingWrite], side: Side) throws -> [String: WriteOutcome.Result] {
        let binding = mapping.binding(side)
        let batch = WriteBatch(object: binding.object, externalIdField: binding.externalIdField?.description,
                               matchKeyField: matchKeyLookupPath(side)?.description, writes: writes.map(\.recordWrite))
        var results: [String: WriteOutcome.Result] = [:]
        results.reserveCapacity(writes.count)
        for outcome in try connector(side).write(batch) { results[outcome.key] = outcome.result }
        return results
    }

    /// An update or delete planned before its record had an id on that side (the
    /// create was pending or failed when the plan was made) addresses the id the link
    /// has now: creates go out before updates and deletes, so a create applied earlier
    /// in this cycle, or settled by the start-up lookup, has filled it.
    private func fillTarget(_ write: inout OutgoingWrite) throws(CycleError) {
        guard write.awaitsTarget, let linkID = write.linkID else { return }
        // The create that gives it an id may be among the outcomes being committed.
        try writer?.drain()
        do {
            let link = try state.link(id: linkID)
            guard let id = write.side == .crm ? link?.crmID : link?.prmID else { return }
            // Saved before it is sent: a kill after sending leaves the write naming its record.
            try state.fillWriteTarget(writeID: write.writeID, recordID: id)
            write.recordID = id
        } catch {
            throw CycleError.store("read link \(linkID) for the target of a \(write.operation.rawValue)", error)
        }
    }

    /// A write that must not be sent: a field the mapping cannot write, or an update or
    /// delete whose record has no id yet. The latter is not the record's fault: it is
    /// journaled as failed without spending an attempt and waits for its create (a
    /// resend is due only once the link has the id, `SyncState.dueRetries`).
    private func refuseUnsendable(_ write: OutgoingWrite) -> OutcomeDraft? {
        if !write.unwritable.isEmpty {
            let message = write.unwritable.map(\.description).joined(separator: "; ")
            return OutcomeDraft(writeID: write.writeID, status: .dead,
                                refusal: RemoteRefusal(code: "UNWRITABLE_VALUE", message: "not sent: \(message)"))
        }
        if write.operation != .create, write.recordID == nil {
            let refusal = RemoteRefusal(code: "NO_TARGET_ID", message: "not sent yet: the \(write.side) record's id "
                                            + "is not known until its create is applied; sent once it is")
            return OutcomeDraft(writeID: write.writeID, status: .failed, refusal: refusal, countsAttempt: false)
        }
        return nil
    }

    /// The outcome to record for a connector's answer; nil leaves the write pending (a
    /// create that may have arrived: it is looked up before anything is resent).
    private func outcome(_ write: OutgoingWrite, _ result: WriteOutcome.Result) -> OutcomeDraft? {
        switch result {
        case let .applied(id, _):
            return .applied(write.writeID, remoteID: id)
        case let .failed(failure):
            if failure.code == Self.outcomeUnknown { return nil }
            let refusal = RemoteRefusal(httpStatus: failure.status, code: failure.code, message: failure.message)
            if write.operation == .delete, failure.status == 404 || Self.goneCodes.contains(failure.code ?? "") {
                return OutcomeDraft(writeID: write.writeID, status: .applied, remoteID: write.recordID,
                                    detail: "already gone on the \(write.side): \(refusal.summary)")
            }
            // Throttling, locks and outages are retried every cycle; a refusal of the
            // record itself becomes a dead letter after the configured attempts.
            let dead = !failure.retryable && failure.code != Self.notSent && write.attempt >= settings.maxAttempts
            return OutcomeDraft(writeID: write.writeID, status: dead ? .dead : .failed, refusal: refusal)
        }
    }

    /// Adds one write's outcome (nil: still pending) to the batch and the summary.
    /// `quiet`: no warning per write (writes held back by a stop or an earlier failure,
    /// which are logged once).
    private func settle(_ index: Int, _ outcome: OutcomeDraft?, plan: inout CyclePlan, drafts: inout [OutcomeDraft],
                        final: inout Set<Int>, summary: inout CycleSummary, quiet: Bool = false) {
        let write = plan.writes[index]
        guard let outcome else {
            count(write, result: .pending, into: &summary)
            plan.note(index, result: "unsettled", in: &summary, describe: describe)
            return
        }
        drafts.append(outcome)
        final.insert(index)
        count(write, result: outcome.status, into: &summary)
        plan.note(index, result: outcome.status.rawValue, in: &summary, describe: describe)
        if !quiet, outcome.status == .failed || outcome.status == .dead {
            logger.warning("write refused", [
                "side": write.side.rawValue, "operation": write.operation.rawValue, "record": write.recordID ?? "(new)",
                "status": outcome.status.rawValue, "error": outcome.refusal?.summary ?? "",
            ])
        }
    }
}
