import SyncCore

extension SyncState {
    /// Step 1 of the write protocol for reconciler plans: journals every plan of a page
    /// (intents, decisions, links, conflicts; shadows of plans without writes) in ONE
    /// transaction. Send the writes only after this returns; pass each plan's
    /// `writeIDs` back in the outcomes, and `shadow(afterOutcomes:)` with them.
    ///
    /// `linkIDs`, when given, names each plan's pair link (one per plan; nil entries
    /// take it from the plan).
    public func recordPlans(_ plans: [Plan], mapping: String, linkIDs: [String?]? = nil,
                            cycle: Int64? = nil) throws -> [PersistedPlan] {
        var batch = PlanBatch()
        var ranges: [(range: Range<Int>, shadow: ShadowRecord?)] = []
        for (index, plan) in plans.enumerated() {
            let start = batch.intents.count
            let shadow = try batch.append(plan, mapping: mapping, linkID: linkIDs?[index] ?? nil)
            ranges.append((start..<batch.intents.count, shadow))
        }
        let receipt = try recordPlan(batch, cycle: cycle)
        return zip(plans, ranges).map { plan, entry in
            PersistedPlan(plan: plan, writeIDs: entry.range.map { receipt.tickets[$0].writeID }, deferredShadow: entry.shadow)
        }
    }

    /// The reconciler's view of a pair: its link and shadow (aligned to `mapping`).
    public func pair(linkID: String, mapping: CompiledMapping) throws -> (link: Link, shadow: Shadow?)? {
        guard let record = try link(id: linkID) else { return nil }
        return (record.link, try shadow(linkID: linkID)?.shadow(alignedTo: mapping.names))
    }

    /// The live link (`active` or `flagged`) holding a record, as the reconciler's link.
    public func liveLink(mapping: CompiledMapping, side: Side, recordID: String) throws -> Link? {
        try liveLink(mapping: mapping.name, side: side, recordID: recordID)?.link
    }

    /// Ops' decisions for a link's field conflicts (`ReconcileInput.resolutions`):
    /// field → the value both sides must hold. The plan that applies one closes it.
    /// (Resolutions of delete-versus-edit and ambiguous-link conflicts are stored too,
    /// but the reconciler has no input for them yet; see `resolvedConflicts`.)
    public func resolutions(linkID: String) throws -> [String: Value] {
        var result: [String: Value] = [:]
        for conflict in try conflicts(linkIDs: [linkID]) where conflict.state == .resolved && conflict.kind == .field {
            guard let field = conflict.field, let json = conflict.resolvedValue else { continue }
            result[field] = try StoredJSON.decode(Value.self, from: json, table: "conflicts", column: "resolution")
        }
        return result
    }

    /// Saves reconciler records seen on a side, with their match keys, in one transaction.
    public func saveRecords(_ records: [CanonicalRecord], mapping: CompiledMapping) throws {
        try saveRecords(records.map { try RecordSnapshot($0, mapping: mapping) })
    }
}
