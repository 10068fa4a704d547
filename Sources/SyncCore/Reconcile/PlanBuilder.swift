/// Collects one reconcile call's decisions: at most one write per side, and
/// journal entries grouped by (rule, direction, operation) in decision order.
struct PlanBuilder {
    private struct Pending {
        var entry: JournalEntry
        /// The side whose write this entry is the intent of.
        var writes: Side?
    }

    private let mappingName: String
    private let crmHasExternalIdField: Bool
    private let prmHasExternalIdField: Bool
    private let now: Int64
    /// The link as it will be once the plan is applied; entries name its ids.
    var link: Link?
    private var linkChanged = false
    private var pending: [Pending] = []
    private var crmWrite: (operation: WriteOperation, fields: [String: Value])?
    private var prmWrite: (operation: WriteOperation, fields: [String: Value])?
    var shadow: Shadow?
    private var conflicts: [Conflict] = []
    private var closedConflicts: [String] = []

    init(_ compiled: CompiledMapping, now: Int64, link: Link?) {
        mappingName = compiled.name
        crmHasExternalIdField = compiled.crmHasExternalIdField
        prmHasExternalIdField = compiled.prmHasExternalIdField
        self.now = now
        self.link = link
    }

    var isEmpty: Bool { pending.isEmpty && crmWrite == nil && prmWrite == nil }

    func writes(to side: Side) -> Bool { (side == .crm ? crmWrite : prmWrite) != nil }

    /// Sets the link's new state; it is returned in `Plan.links`.
    mutating func setLink(_ link: Link) {
        self.link = link
        linkChanged = true
    }

    /// Records a decision; a field change joins the entry of the same rule,
    /// direction and operation.
    mutating func note(_ rule: Rule, _ direction: JournalDirection, _ operation: JournalOperation,
                       _ change: FieldChange? = nil, changes: [FieldChange] = [], detail: String? = nil,
                       conflict: Conflict? = nil, writes side: Side? = nil) {
        let conflictIndex = conflict.map { conflict -> Int in
            conflicts.append(conflict)
            return conflicts.count - 1
        }
        if conflictIndex == nil, detail == nil,
           let index = pending.firstIndex(where: { $0.entry.rule == rule && $0.entry.direction == direction
               && $0.entry.operation == operation && $0.writes == side && $0.entry.conflict == nil }) {
            if let change { pending[index].entry.changes.append(change) }
            pending[index].entry.changes += changes
            return
        }
        let entry = JournalEntry(mapping: mappingName, linkId: nil, crmId: nil, prmId: nil, direction: direction,
                                 operation: operation, rule: rule, changes: (change.map { [$0] } ?? []) + changes,
                                 conflict: conflictIndex, detail: detail, at: now)
        pending.append(Pending(entry: entry, writes: side))
    }

    /// Plans `value` for `field` on `side` and journals it as the intent of that write.
    mutating func write(_ field: String, _ value: Value, to side: Side, before: Value?, rule: Rule,
                        operation: WriteOperation = .update) {
        if side == .crm {
            if crmWrite == nil { crmWrite = (operation, [:]) }
            crmWrite?.fields[field] = value
        } else {
            if prmWrite == nil { prmWrite = (operation, [:]) }
            prmWrite?.fields[field] = value
        }
        let journalOperation: JournalOperation = operation == .create ? .create : .update
        note(rule, .to(side), journalOperation, FieldChange(field: field, before: before, after: value), writes: side)
    }

    /// Plans several fields for `side` at once, journaled as one entry.
    mutating func write(_ changes: [FieldChange], to side: Side, rule: Rule, operation: WriteOperation) {
        // Moved out of the plan (not copied) and sized once: a create's fields were added
        // one resize at a time, and a second write to a side copied the whole dictionary.
        let existing = (side == .crm ? crmWrite : prmWrite)?.operation ?? operation
        var fields: [String: Value]
        if side == .crm {
            fields = crmWrite?.fields ?? [:]
            crmWrite = nil
        } else {
            fields = prmWrite?.fields ?? [:]
            prmWrite = nil
        }
        fields.reserveCapacity(fields.count + changes.count)
        for change in changes {
            if let value = change.after { fields[change.field] = value }
        }
        if side == .crm { crmWrite = (existing, fields) } else { prmWrite = (existing, fields) }
        let journalOperation: JournalOperation = operation == .create ? .create : .update
        note(rule, .to(side), journalOperation, changes: changes, writes: side)
    }

    /// Plans a create on `side` even when no field is sent.
    mutating func create(on side: Side) {
        if side == .crm { crmWrite = crmWrite ?? (.create, [:]) } else { prmWrite = prmWrite ?? (.create, [:]) }
    }

    /// Plans the deletion of the link's record on `side`.
    mutating func delete(on side: Side, rule: Rule) {
        if side == .crm { crmWrite = (.delete, [:]) } else { prmWrite = (.delete, [:]) }
        note(rule, .to(side), .delete, writes: side)
    }

    mutating func closeConflict(_ field: String) {
        closedConflicts.append(field)
    }

    func finish() -> Plan {
        var writes: [PlannedWrite] = []
        var writeIndex: [Side: Int] = [:]
        for side in Side.allCases {
            guard let (operation, fields) = side == .crm ? crmWrite : prmWrite, let link else { continue }
            let externalId = operation == .delete || !(side == .crm ? crmHasExternalIdField : prmHasExternalIdField) ? nil : link.id(side.other)
            writeIndex[side] = writes.count
            writes.append(PlannedWrite(side: side, operation: operation,
                                       recordId: operation == .create ? nil : link.id(side),
                                       linkId: link.id, fields: fields, externalId: externalId))
        }
        let journal = pending.map { item -> JournalEntry in
            var entry = item.entry
            entry.linkId = link?.id
            entry.crmId = link?.crmId
            entry.prmId = link?.prmId
            entry.write = item.writes.flatMap { writeIndex[$0] }
            return entry
        }
        return Plan(writes: writes, shadow: shadow, links: linkChanged ? link.map { [$0] } ?? [] : [],
                    conflicts: conflicts, closedConflicts: closedConflicts, journal: journal)
    }
}
