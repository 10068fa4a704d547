/// The three-way merge of a linked pair, field by field, against the shadow.
extension Reconciler {
    func merge(_ link: Link, base: Shadow, isFirstSync: Bool, crm: CanonicalRecord?, prm: CanonicalRecord?,
               resolutions: [String: Value], unsent: UnsentWrite? = nil, into plan: inout PlanBuilder) {
        let fields = compiled.fields
        let count = fields.count
        let crmValues = crm?.values.slots ?? []
        let prmValues = prm?.values.slots ?? []
        let hasCRM = crmValues.count == count, hasPRM = prmValues.count == count
        var crmShadow = base.crm.slots
        var prmShadow = base.prm.slots
        var conflicts = base.conflicts
        let modifiedAt = (crm: crm?.modifiedAt ?? .min, prm: prm?.modifiedAt ?? .min)
        let quiet = resolutions.isEmpty && conflicts.isEmpty && unsent == nil

        for slot in 0..<count {
            // Fast path, no copies: most fields of most pairs did not change.
            if quiet {
                let crmChanged = hasCRM && crmValues[slot] != nil && crmValues[slot] != crmShadow[slot]
                let prmChanged = hasPRM && prmValues[slot] != nil && prmValues[slot] != prmShadow[slot]
                if !crmChanged && !prmChanged { continue }
            }
            let field = fields[slot]
            let crmChange = hasCRM ? crmValues[slot] : nil, prmChange = hasPRM ? prmValues[slot] : nil
            let before = unsent?.before[field.name]
            let sides = if let unsent, let before {
                FieldSides(name: field.name, unsentTo: unsent.side, before: before, shadowCRM: crmShadow[slot],
                           shadowPRM: prmShadow[slot], crmChange: crmChange, prmChange: prmChange)
            } else {
                FieldSides(name: field.name, shadowCRM: crmShadow[slot], shadowPRM: prmShadow[slot],
                           crmChange: crmChange, prmChange: prmChange)
            }
            let resolution = resolutions.isEmpty ? nil : resolutions[field.name]
            let isConflicted = !conflicts.isEmpty && conflicts.contains(field.name)
            guard resolution != nil || isConflicted || sides.crmChanged || sides.prmChanged else {
                // An unsent field nobody changed: both sides still hold its old value.
                if before != nil { (crmShadow[slot], prmShadow[slot]) = (sides.crm, sides.prm) }
                continue
            }

            let outcome: (crm: Value?, prm: Value?)
            if let resolution {
                outcome = resolve(field, sides, to: resolution, isConflicted: isConflicted, conflicts: &conflicts, plan: &plan)
            } else if isConflicted {
                outcome = (sides.crm, sides.prm)
                if let value = sides.crm, value == sides.prm {
                    conflicts.removeAll { $0 == field.name }
                    plan.closeConflict(field.name)
                    plan.note(.converged, .none, .conflict, FieldChange(field: field.name, before: sides.shadowCRM, after: value),
                              detail: "conflict on \(field.name) closed: both sides now hold the same value")
                }
            } else {
                outcome = decide(field, sides, modifiedAt: modifiedAt, link: link, conflicts: &conflicts, plan: &plan)
            }
            // An unsent field's shadow held the failed write's value, not its base: always replaced.
            if before != nil || outcome.crm != sides.shadowCRM { crmShadow[slot] = outcome.crm }
            if before != nil || outcome.prm != sides.shadowPRM { prmShadow[slot] = outcome.prm }
        }

        var shadow = base
        shadow.crm = FieldValues(names: compiled.names, slots: crmShadow)
        shadow.prm = FieldValues(names: compiled.names, slots: prmShadow)
        shadow.conflicts = conflicts
        if let crm {
            shadow.crmModifiedAt = max(base.crmModifiedAt ?? .min, crm.modifiedAt)
            shadow.crmAwaitsEcho = false
        }
        if let prm {
            shadow.prmModifiedAt = max(base.prmModifiedAt ?? .min, prm.modifiedAt)
            shadow.prmAwaitsEcho = false
        }
        if plan.writes(to: .crm) { shadow.crmAwaitsEcho = true }
        if plan.writes(to: .prm) { shadow.prmAwaitsEcho = true }

        if plan.isEmpty, !isFirstSync {
            // A change with nothing new for the mapped fields: most often our own
            // write read back. Said once per new modification, never re-written.
            noteEcho(crm, base: base, plan: &plan)
            noteEcho(prm, base: base, plan: &plan)
        }
        if isFirstSync || shadow.crmModifiedAt != base.crmModifiedAt || shadow.prmModifiedAt != base.prmModifiedAt
            || shadow.crmAwaitsEcho != base.crmAwaitsEcho || shadow.prmAwaitsEcho != base.prmAwaitsEcho
            || crmShadow != base.crm.slots || prmShadow != base.prm.slots || conflicts != base.conflicts {
            plan.shadow = shadow
        }
    }

    private func noteEcho(_ record: CanonicalRecord?, base: Shadow, plan: inout PlanBuilder) {
        guard let record, record.modifiedAt > base.modifiedAt(record.side) ?? .min else { return }
        plan.note(.echoSuppressed, .none, .none,
                  detail: "the \(record.side) change holds no mapped value that differs from the last sync")
    }

    /// One changed field with no open conflict: direction, then preferNonEmpty,
    /// then the policy. Returns what each side will hold.
    private func decide(_ field: CompiledField, _ sides: FieldSides, modifiedAt: (crm: Int64, prm: Int64), link: Link,
                        conflicts: inout [String], plan: inout PlanBuilder) -> (crm: Value?, prm: Value?) {
        let unchanged = (sides.crm, sides.prm)
        if field.direction == .createOnly {
            for side in Side.allCases where sides.changed(side) && sides.current(side) != sides.current(side.other) {
                plan.note(.createOnly, .to(side.other), .none,
                          FieldChange(field: field.name, before: sides.shadow(side), after: sides.current(side)))
            }
            return unchanged
        }
        if sides.crmChanged, sides.prmChanged, sides.crm == sides.prm {
            plan.note(.converged, .none, .none, FieldChange(field: field.name, before: sides.shadowCRM, after: sides.crm))
            return unchanged
        }

        let winner: Side
        let rule: Rule
        if let owner = field.owner {
            // The owning side's value is what both must hold: an edit on the
            // other side is overwritten, so the pair still converges.
            winner = owner
            rule = sides.changed(owner) && !sides.changed(owner.other) ? .propagate(from: owner) : .directionBlocked
        } else if field.preferNonEmpty, let side = sides.nonEmptyWinner {
            winner = side
            rule = .preferNonEmpty
        } else if sides.crmChanged != sides.prmChanged {
            winner = sides.crmChanged ? .crm : .prm
            rule = .propagate(from: winner)
        } else {
            switch field.policy {
            case .crm: (winner, rule) = (.crm, .policyCRM)
            case .prm: (winner, rule) = (.prm, .policyPRM)
            case .newest:
                // Equal modification times go to the CRM, so the choice never depends on call order.
                (winner, rule) = (modifiedAt.crm >= modifiedAt.prm ? .crm : .prm, .policyNewest)
            case .manual:
                let conflict = Conflict(kind: .field, linkId: link.id, field: field.name,
                                        base: sides.shadowCRM ?? sides.shadowPRM, crm: sides.crm, prm: sides.prm)
                conflicts.append(field.name)
                conflicts.sort()
                plan.note(.conflictManual, .none, .conflict,
                          detail: "\(field.name): CRM \(Self.text(sides.crm)) vs PRM \(Self.text(sides.prm))",
                          conflict: conflict)
                return unchanged
            }
        }

        // The owner never supplied the field (e.g. no value read yet): nothing to assert.
        guard let value = sides.current(winner) else { return unchanged }
        let target = winner.other
        let held = sides.current(target)
        if held == value {
            plan.note(.converged, .none, .none, FieldChange(field: field.name, before: sides.shadow(target), after: value))
            return unchanged
        }
        if field.preferNonEmpty, value.isEmpty, let held, !held.isEmpty {
            // Only a one-way field gets here: its owner emptied it and the other
            // side may not send its value back, so the two keep differing.
            plan.note(.preferNonEmpty, .to(target), .none, FieldChange(field: field.name, before: held, after: value))
            return unchanged
        }
        guard field.writable(target) else { return unchanged }
        plan.write(field.name, value, to: target, before: held, rule: rule)
        return (value, value)
    }

    /// Ops' value for a field: written wherever a side does not hold it yet.
    private func resolve(_ field: CompiledField, _ sides: FieldSides, to value: Value, isConflicted: Bool,
                         conflicts: inout [String], plan: inout PlanBuilder) -> (crm: Value?, prm: Value?) {
        var outcome = (crm: sides.crm, prm: sides.prm)
        for side in Side.allCases where field.writable(side) && sides.current(side) != value {
            plan.write(field.name, value, to: side, before: sides.current(side), rule: .conflictResolved)
            if side == .crm { outcome.crm = value } else { outcome.prm = value }
        }
        if isConflicted {
            conflicts.removeAll { $0 == field.name }
            plan.closeConflict(field.name)
            plan.note(.conflictResolved, .none, .conflict, FieldChange(field: field.name, before: sides.shadowCRM, after: value),
                      detail: "conflict on \(field.name) resolved by ops")
        }
        return outcome
    }

    /// A value as the journal's detail text shows it.
    static func text(_ value: Value?) -> String {
        switch value {
        case nil: "(none)"
        case .null?: "null"
        case let .string(text)?: "'\(text)'"
        case let .number(number)?: number.description
        case let .bool(flag)?: flag ? "true" : "false"
        case let .date(text)?: text
        case let .datetime(millis)?: "\(millis)ms"
        }
    }
}
