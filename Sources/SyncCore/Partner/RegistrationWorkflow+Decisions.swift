/// Status changes of a linked registration: checked against the lifecycle, and
/// completed with what the decision implies (decision time, protection end, outcome).
extension RegistrationWorkflow {
    func decide(_ plan: Plan, link: Link, shadow: Shadow, input: ReconcileInput) -> Plan {
        var editor = PlanEditor(plan, compiled: compiled, link: link, now: input.now)
        let crmRecord = input.crm?.record
        for write in plan.writes where write.operation == .update {
            guard let value = write.fields[statusField] else { continue }
            let target = write.side
            let source = target.other
            let old = shadow.values(target)[statusField]
            let from = RegistrationStatus(old)
            guard let to = RegistrationStatus(value) else { continue }
            let actor = RegistrationActor(editing: source)
            let change = FieldChange(field: statusField, before: old, after: value)
            let transition = registration.lifecycle.check(from: from, to: to, by: actor)
            if case let .refused(reason) = transition {
                // Not written to the other side; the legal status is re-asserted where it
                // was changed, so both sides agree (as `direction.blocked` does for fields).
                editor.withhold(statusField, from: target, kept: old)
                let detail = "\(reason): the \(source)'s \(to.rawValue) is not written to the \(target)"
                if let old, old != .null {
                    editor.set(statusField, old, on: source, rule: .registrationTransitionRefused,
                               detail: detail + "; the \(source) is set back to \(from?.rawValue ?? "its last status")")
                } else {
                    editor.note(.registrationTransitionRefused, changes: [change], detail: detail)
                }
                continue
            }
            guard from != to else { continue }
            let rule = Self.rule(for: to, from: from, extended: transition == .extended)
            editor.set(statusField, value, on: target, rule: rule)
            if actor == .vendor, to.isDecision || transition == .extended {
                stampDecision(&editor, rule: rule, crmRecord: crmRecord, shadow: shadow, now: input.now,
                              approves: to == .approved)
            }
            if to == .won || to == .lost { report(&editor, rule: rule, crmRecord: crmRecord, shadow: shadow) }
        }
        closeOnOutcome(&editor, crmRecord: crmRecord, shadow: shadow)
        return editor.plan
    }

    /// The decision time (when the CRM left it empty or unchanged) and, for an
    /// approval, the protection end date, on both sides.
    private func stampDecision(_ editor: inout PlanEditor, rule: Rule, crmRecord: CanonicalRecord?, shadow: Shadow,
                               now: Int64, approves: Bool) {
        var decidedAt = now
        if let field = registration.decidedAtField {
            let given = crmRecord?.values[field]
            if case let .datetime(millis)? = given, given != shadow.crm[field] {
                decidedAt = millis  // the vendor's own decision time: it flows by field sync
            } else {
                for side in Side.allCases { editor.set(field, .datetime(now), on: side, rule: rule) }
            }
        }
        guard approves, let field = registration.expiresAtField,
              let expiry = registration.protection.expiry(decidedAt: decidedAt) else { return }
        // An end date the vendor set with the decision is theirs: it flows by field sync.
        if let given = crmRecord?.values[field], case .date = given, given != shadow.crm[field] { return }
        for side in Side.allCases where compiled.mapping.field(named: field)?.path(side) != nil {
            editor.set(field, .date(expiry.description), on: side, rule: rule,
                       detail: "protection of \(registration.protection.days) days ends \(expiry)")
        }
    }

    /// The fields commission needs, sent to the PRM with the outcome.
    private func report(_ editor: inout PlanEditor, rule: Rule, crmRecord: CanonicalRecord?, shadow: Shadow) {
        for field in registration.outcome?.report ?? [] {
            guard let value = crmRecord?.values[field] ?? shadow.crm[field], value != .null,
                  compiled.mapping.field(named: field)?.path(.prm) != nil else { continue }
            editor.set(field, value, on: .prm, rule: rule)
        }
    }

    /// The CRM's deal outcome turned won or lost while the registration is approved:
    /// the registration closes the same way on both sides.
    private func closeOnOutcome(_ editor: inout PlanEditor, crmRecord: CanonicalRecord?, shadow: Shadow) {
        guard let outcome = registration.outcome, let crmRecord,
              case let .string(word)? = crmRecord.values[outcome.field], word != shadow.crm[outcome.field].flatMap(Self.text),
              word == outcome.won || word == outcome.lost else { return }
        let current = editor.plan.writes.first { $0.side == .prm }?.fields[statusField] ?? crmRecord.values[statusField]
        guard RegistrationStatus(current) == .approved else { return }
        let to: RegistrationStatus = word == outcome.won ? .won : .lost
        let rule = Self.rule(for: to, from: .approved, extended: false)
        for side in Side.allCases where shadow.values(side)[statusField] != to.value {
            editor.set(statusField, to.value, on: side, rule: rule, detail: "the CRM's \(outcome.field) is \(word)")
        }
        report(&editor, rule: rule, crmRecord: crmRecord, shadow: shadow)
    }

    static func text(_ value: Value) -> String? {
        if case let .string(text) = value { return text }
        return nil
    }

    static func rule(for status: RegistrationStatus, from: RegistrationStatus?, extended: Bool) -> Rule {
        if extended { return .registrationExtended }
        switch status {
        case .draft, .submitted: return from == .returned ? .registrationResubmitted : .registrationSubmitted
        case .underReview: return .registrationUnderReview
        case .returned: return .registrationReturned
        case .approved: return .registrationApproved
        case .rejected: return .registrationRejected
        case .duplicate: return .registrationDuplicate
        case .expired: return .registrationExpired
        case .canceled: return .registrationCanceled
        case .won: return .registrationWon
        case .lost: return .registrationLost
        }
    }
}
