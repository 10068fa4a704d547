import SyncCore
import SyncStore

extension SyncCycle {
    /// A failed update due for a resend whose pair changed this cycle: merged with that
    /// change (`UnsentWrite`) instead of resent over it.
    struct MergedRetry {
        let failure: FailureRecord
        let unsent: UnsentWrite
    }

    /// Splits the due resends. A failed update of an active pair with a change pulled this
    /// cycle on either side is merged with it: resent as it was, it would overwrite a
    /// target edit made since the failure, and race this cycle's write to the same
    /// record. Every other failure is resent as it is — also a pair with two failures due,
    /// or one whose write's changes are no longer in the journal.
    func splitRetries(_ due: [FailureRecord], pulled: [Side: PulledSide])
        throws(CycleError) -> (resend: [FailureRecord], merge: [String: MergedRetry]) {
        var perLink: [String: Int] = [:]
        for failure in due { if let linkID = failure.linkID { perLink[linkID, default: 0] += 1 } }
        var resend: [FailureRecord] = []
        var merge: [String: MergedRetry] = [:]
        for failure in due {
            guard failure.operation == .update, let linkID = failure.linkID, perLink[linkID] == 1,
                  let unsent = try unsentWrite(failure, linkID: linkID, pulled: pulled) else {
                resend.append(failure)
                continue
            }
            merge[linkID] = MergedRetry(failure: failure, unsent: unsent)
        }
        return (resend, merge)
    }

    private func unsentWrite(_ failure: FailureRecord, linkID: String,
                             pulled: [Side: PulledSide]) throws(CycleError) -> UnsentWrite? {
        do {
            guard let link = try state.link(id: linkID)?.link, link.status == .active else { return nil }
            let changed = Side.allCases.contains { side in
                guard let id = link.id(side) else { return false }
                return pulled[side]?.changes[id] != nil
            }
            guard changed, let changes = try state.unsentChanges(of: failure) else { return nil }
            var before: [String: Value?] = [:]
            for change in changes where before[change.field] == nil { before[change.field] = change.before }
            return UnsentWrite(side: failure.side, before: before)
        } catch {
            throw CycleError.store("read the write of failure \(failure.id)", error)
        }
    }
}

extension CyclePlan {
    /// Closes a failure whose pair was merged instead of resent, with the plan of that
    /// merge (same transaction), and journals why it was not resent.
    mutating func supersede(_ retry: SyncCycle.MergedRetry) {
        let failure = retry.failure
        let entry = JournalDraft(
            mapping: mapping.name, linkID: failure.linkID, crmID: failure.crmID, prmID: failure.prmID,
            direction: .to(failure.side), operation: "retry", rule: "retry.merged",
            detail: "failure \(failure.id) (update on \(failure.side)) not resent: its pair changed since, "
                + "so its fields were merged with that change against what \(failure.side) held before")
        batch.decisions.append(DecisionDraft(entry, status: .skipped))
        batch.supersededFailures.append(failure.id)
    }
}
