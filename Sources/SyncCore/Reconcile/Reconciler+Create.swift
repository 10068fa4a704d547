/// A new in-scope record with no counterpart: create it on the other side.
extension Reconciler {
    func create(from record: CanonicalRecord, existing: Link?, input: ReconcileInput,
                plan: inout PlanBuilder) -> Plan {
        let source = record.side
        let target = source.other
        var link = existing ?? Link(id: input.newLinkID, mapping: compiled.name, crmId: nil, prmId: nil, status: .active)
        link.status = .active
        link.setId(record.id, source)
        link.setId(nil, target)
        plan.setLink(link)
        plan.create(on: target)

        var sourceShadow = record.values.slots
        // What the new record will hold: the values sent; elsewhere what an unset field
        // reads as (empty, or the side's read default).
        var targetShadow = [Value?](repeating: nil, count: compiled.fields.count)
        var sent: [FieldChange] = []
        for (slot, field) in compiled.fields.enumerated() where field.writable(target) {
            targetShadow[slot] = field.unset(target)
            guard field.direction == .createOnly || field.flows(from: source),
                  let value = record.values.slots[slot], value != .null else { continue }
            sent.append(FieldChange(field: field.name, before: nil, after: value))
            targetShadow[slot] = value
        }
        plan.write(sent, to: target, rule: .create, operation: .create)
        // A field owned by the target starts empty there, and the owner's value
        // is what both sides hold: assert it on the source too.
        for (slot, field) in compiled.fields.enumerated() where field.owner == target && field.writable(source) {
            guard let held = record.values.slots[slot], let owned = targetShadow[slot], held != owned else { continue }
            if field.preferNonEmpty, owned.isEmpty, !held.isEmpty {
                plan.note(.preferNonEmpty, .to(source), .none, FieldChange(field: field.name, before: held, after: owned))
                continue
            }
            plan.write(field.name, owned, to: source, before: held, rule: .directionBlocked)
            sourceShadow[slot] = owned
        }

        let sourceValues = FieldValues(names: compiled.names, slots: sourceShadow)
        let targetValues = FieldValues(names: compiled.names, slots: targetShadow)
        let assertedOnSource = plan.writes(to: source)
        plan.shadow = source == .crm
            ? Shadow(crm: sourceValues, prm: targetValues, crmModifiedAt: record.modifiedAt, crmAwaitsEcho: assertedOnSource)
            : Shadow(crm: targetValues, prm: sourceValues, prmModifiedAt: record.modifiedAt, prmAwaitsEcho: assertedOnSource)
        return plan.finish()
    }
}
