/// Edits a reconciler `Plan` after the fact, keeping its parts consistent: writes and
/// the journal entries that are their intents (by index), and the shadow both sides
/// will hold once the writes are applied. The registration workflow uses it to add
/// fields (decision time, expiry date) and to withhold refused status changes.
struct PlanEditor {
    private(set) var plan: Plan
    let compiled: CompiledMapping
    let now: Int64
    let link: Link?

    init(_ plan: Plan, compiled: CompiledMapping, link: Link?, now: Int64) {
        self.plan = plan
        self.compiled = compiled
        self.link = plan.links.first ?? link
        self.now = now
    }

    /// The index of the update or create planned for `side`, adding an update if none.
    private mutating func writeIndex(_ side: Side) -> Int? {
        if let index = plan.writes.firstIndex(where: { $0.side == side && $0.operation != .delete }) { return index }
        guard let link, plan.writes.allSatisfy({ $0.side != side }), let id = link.id(side) else { return nil }
        let externalId = compiled.hasExternalIdField(side) ? link.id(side.other) : nil
        plan.writes.append(PlannedWrite(side: side, operation: .update, recordId: id, linkId: link.id, fields: [:],
                                        externalId: externalId))
        return plan.writes.count - 1
    }

    /// Plans `value` for `field` on `side` and journals it under `rule` as that write's
    /// intent. The shadow's `side` takes the value. False when `side` cannot be written.
    @discardableResult
    mutating func set(_ field: String, _ value: Value, on side: Side, rule: Rule, detail: String? = nil) -> Bool {
        guard let index = writeIndex(side) else { return false }
        let before = plan.shadow?.values(side)[field]
        plan.writes[index].fields[field] = value
        let change = FieldChange(field: field, before: before, after: value)
        let operation: JournalOperation = plan.writes[index].operation == .create ? .create : .update
        if let entry = plan.journal.firstIndex(where: { $0.rule == rule && $0.write == index }) {
            plan.journal[entry].changes.removeAll { $0.field == field }
            plan.journal[entry].changes.append(change)
            if plan.journal[entry].detail == nil { plan.journal[entry].detail = detail }
        } else {
            plan.journal.append(entry(rule, .to(side), operation, [change], write: index, detail: detail))
        }
        if var shadow = plan.shadow {
            if side == .crm {
                shadow.crm[field] = value
                shadow.crmAwaitsEcho = true
            } else {
                shadow.prm[field] = value
                shadow.prmAwaitsEcho = true
            }
            plan.shadow = shadow
        }
        return true
    }

    /// A decision with no write of its own.
    mutating func note(_ rule: Rule, changes: [FieldChange] = [], detail: String?, conflict: Conflict? = nil) {
        var conflictIndex: Int?
        if let conflict {
            plan.conflicts.append(conflict)
            conflictIndex = plan.conflicts.count - 1
        }
        var entry = entry(rule, .none, conflict == nil ? .none : .conflict, changes, write: nil, detail: detail)
        entry.conflict = conflictIndex
        plan.journal.append(entry)
    }

    /// Withholds `field` from the write to `side`: the change is not sent, its intent
    /// entries lose it (and go when empty), an update left empty is dropped, and the
    /// shadow's `side` keeps `kept` (what that side still holds).
    mutating func withhold(_ field: String, from side: Side, kept: Value?) {
        guard let index = plan.writes.firstIndex(where: { $0.side == side && $0.fields[field] != nil }) else { return }
        plan.writes[index].fields[field] = nil
        for entry in plan.journal.indices where plan.journal[entry].write == index {
            plan.journal[entry].changes.removeAll { $0.field == field }
        }
        plan.journal.removeAll { $0.write == index && $0.changes.isEmpty && $0.conflict == nil }
        if plan.writes[index].fields.isEmpty, plan.writes[index].operation == .update {
            plan.writes.remove(at: index)
            for entry in plan.journal.indices {
                guard let write = plan.journal[entry].write, write >= index else { continue }
                plan.journal[entry].write = write - 1
            }
            if var shadow = plan.shadow {
                if side == .crm { shadow.crmAwaitsEcho = false } else { shadow.prmAwaitsEcho = false }
                plan.shadow = shadow
            }
        }
        if var shadow = plan.shadow {
            if side == .crm { shadow.crm[field] = kept } else { shadow.prm[field] = kept }
            plan.shadow = shadow
        }
    }

    private func entry(_ rule: Rule, _ direction: JournalDirection, _ operation: JournalOperation, _ changes: [FieldChange],
                       write: Int?, detail: String?) -> JournalEntry {
        JournalEntry(mapping: compiled.name, linkId: link?.id, crmId: link?.crmId, prmId: link?.prmId, direction: direction,
                     operation: operation, rule: rule, changes: changes, write: write, detail: detail, at: now)
    }
}
