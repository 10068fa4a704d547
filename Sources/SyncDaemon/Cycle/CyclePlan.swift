import SyncCore
import SyncStore

/// Everything the cycle decided, gathered from the reconciler's plans into one
/// `PlanBatch` (committed in one transaction before any write is sent), with the writes
/// to send and the shadows that wait for their outcomes.
struct CyclePlan {
    /// A plan's shadow, saved once every write of the plan has a final outcome.
    struct HeldShadow {
        let record: ShadowRecord
        /// Indices into `writes`.
        var waitingFor: Set<Int>
    }

    let mapping: Mapping
    var batch = PlanBatch()
    var writes: [OutgoingWrite] = []
    /// By plan number.
    var heldShadows: [Int: HeldShadow] = [:]
    /// Write index → its place in `CycleSummary.writes` once it was handled (listed ones only).
    var listed: [Int: Int] = [:]
    private var plans = 0
    /// Links made (operation `link`) and conflicts opened.
    private(set) var linked = 0
    private(set) var conflicts = 0
    private(set) var retries = 0

    init(mapping: Mapping) {
        self.mapping = mapping
    }

    /// Adds one reconcile plan. `link` is the link the call was about (nil for an
    /// unlinked record), for the conflicts' record ids.
    mutating func add(_ plan: Plan, link: Link?) throws(CycleError) {
        guard !plan.isEmpty else { return }
        plans += 1
        let number = plans
        let planLink = plan.links.first ?? link
        batch.links += plan.links.map(LinkRecord.init)
        batch.closedConflicts += plan.closedConflicts.compactMap { field in
            guard let linkID = planLink?.id else { return nil }
            return ConflictKey(linkID: linkID, kind: .field, field: field)
        }
        for conflict in plan.conflicts {
            batch.openedConflicts.append(try conflict.draft(mapping: mapping.name, link: planLink))
        }
        conflicts += plan.conflicts.count
        var byWrite: [Int: [JournalDraft]] = [:]
        for entry in plan.journal {
            if entry.operation == .link { linked += 1 }
            if let index = entry.write, plan.writes.indices.contains(index) {
                byWrite[index, default: []].append(try entry.draft())
            } else {
                batch.decisions.append(DecisionDraft(try entry.draft(), status: entry.finalStatus))
            }
        }
        var indices: Set<Int> = []
        for (index, write) in plan.writes.enumerated() {
            let entries = byWrite[index] ?? [JournalDraft(
                mapping: mapping.name, linkID: write.linkId, crmID: planLink?.crmId, prmID: planLink?.prmId,
                direction: .to(write.side), operation: write.operation.rawValue)]
            indices.insert(append(write, entries: entries, plan: number))
        }
        if let shadow = plan.shadow, let linkID = planLink?.id {
            let record = try shadow.record(linkID: linkID)
            if indices.isEmpty {
                batch.shadows.append(record)
            } else {
                heldShadows[number] = HeldShadow(record: record, waitingFor: indices)
            }
        }
    }

    /// Adds one planned write and its intent; returns its index in `writes`.
    private mutating func append(_ write: PlannedWrite, entries: [JournalDraft], plan: Int) -> Int {
        let operation: WriteRecord.Operation = switch write.operation {
        case .create: .create
        case .update: .update
        case .delete: .delete
        }
        let native = write.operation == .delete ? (record: JSONValue.object([:]), errors: [FieldError]())
            : mapping.nativeRecord(write.fields, side: write.side)
        let draft = WriteDraft(side: write.side, operation: operation, recordID: write.recordId,
                               externalID: write.externalId, payload: JSONWriter.string(native.record))
        batch.intents.append(IntentDraft(mapping: mapping.name, linkID: write.linkId, write: draft, entries: entries))
        writes.append(OutgoingWrite(
            intentIndex: batch.intents.count - 1, side: write.side, operation: operation, recordID: write.recordId,
            externalID: write.externalId, linkID: write.linkId, fields: native.record, canonical: write.fields,
            unwritable: native.errors, attempt: 1, plan: plan))
        return writes.count - 1
    }

    /// Adds the resend of a failed write (`SyncState.dueRetries`).
    mutating func addRetry(_ failure: FailureRecord) throws(CycleError) {
        let fields: JSONValue
        do {
            fields = try JSONParser().parse(failure.payload)
        } catch {
            throw .state(step: "resend failure \(failure.id)", reason: "its stored payload is not JSON: \(error)")
        }
        batch.intents.append(IntentDraft.resend(failure))
        retries += 1
        writes.append(OutgoingWrite(
            intentIndex: batch.intents.count - 1, side: failure.side, operation: failure.operation,
            recordID: failure.recordID, externalID: failure.externalID, linkID: failure.linkID, fields: fields,
            canonical: [:], unwritable: [], attempt: failure.attempts + 1, plan: nil))
    }

    /// Journals a record that could not be read: a failure for that record, with every
    /// field's problem, so that it is never silently skipped.
    mutating func addUnreadable(side: Side, id: String, errors: [FieldError], withheld: Bool) {
        let problems = errors.map(\.description).joined(separator: "; ")
        let consequence = withheld ? "not synced until it reads cleanly"
            : "its other fields are synced if it is linked; it is not linked or created until it reads cleanly"
        let entry = JournalDraft(mapping: mapping.name, crmID: side == .crm ? id : nil, prmID: side == .prm ? id : nil,
                                 direction: .none, operation: "none", rule: "normalize.failed",
                                 detail: "\(side) record \(id) could not be read: \(problems); \(consequence)")
        batch.decisions.append(DecisionDraft(entry, status: .failed))
    }

    /// Shadows whose plans' writes are now all final (`final` holds write indices);
    /// each is returned once, in plan order. Costs O(|final|), not O(held shadows): it
    /// runs once per write batch, and a steady cycle at 1M links holds ~20k shadows over
    /// ~2,000 batches. (A held shadow waits only for writes whose `plan` is its number.)
    mutating func releaseShadows(final: Set<Int>) -> [ShadowRecord] {
        var touched: Set<Int> = []
        for index in final where writes.indices.contains(index) {
            guard let number = writes[index].plan, heldShadows[number] != nil else { continue }
            heldShadows[number]?.waitingFor.remove(index)
            touched.insert(number)
        }
        var released: [ShadowRecord] = []
        for number in touched.sorted() {
            guard let held = heldShadows[number], held.waitingFor.isEmpty else { continue }
            released.append(held.record)
            heldShadows[number] = nil
        }
        return released
    }

    /// Gives each write the id its intent was recorded under.
    mutating func take(_ receipt: PlanReceipt) {
        for index in writes.indices {
            writes[index].writeID = receipt.tickets[writes[index].intentIndex].writeID
        }
    }

    /// Links whose shadows still wait for their writes' outcomes.
    var heldShadowLinks: Set<String> { Set(heldShadows.values.map(\.record.linkID)) }

    /// Links the outcomes of this plan's writes touch: their links (a create's id filled
    /// in, a failure opened) and the shadows held for them.
    var outcomeLinks: Set<String> { Set(writes.compactMap(\.linkID)).union(heldShadowLinks) }

    /// Links this plan's recording writes or names: link upserts, intents, decisions,
    /// shadows, conflicts (nil when it also routes leads: then it is not compared).
    var recordedLinks: Set<String>? {
        guard batch.leadRouting.isEmpty else { return nil }
        var links = Set(batch.links.map(\.id))
        links.formUnion(batch.intents.compactMap(\.linkID))
        links.formUnion(batch.intents.flatMap { $0.entries.compactMap(\.linkID) })
        links.formUnion(batch.decisions.compactMap(\.entry.linkID))
        links.formUnion(batch.shadows.map(\.linkID))
        links.formUnion(batch.openedConflicts.map(\.linkID))
        links.formUnion(batch.closedConflicts.map(\.linkID))
        return links.union(heldShadowLinks)
    }

    /// Links with a write that did not apply (lead routing leaves them alone this cycle).
    var linksNotApplied: Set<String> {
        Set(writes.compactMap { $0.result != JournalRow.Status.applied.rawValue ? $0.linkID : nil })
    }
}

extension CyclePlan {
    /// Records what became of write `index`, on the write and in the summary.
    mutating func note(_ index: Int, result: String, in summary: inout CycleSummary,
                       describe: (OutgoingWrite, String) -> CycleSummary.Write) {
        writes[index].result = result
        let write = writes[index]
        listed[index] = summary.list(describe(write, result), side: write.side, operation: write.summaryOperation,
                                     result: result)
    }

    /// Every write as planned (a dry run).
    mutating func listAll(as result: String, into summary: inout CycleSummary,
                          describe: (OutgoingWrite, String) -> CycleSummary.Write) {
        for index in writes.indices { note(index, result: result, in: &summary, describe: describe) }
    }
}
