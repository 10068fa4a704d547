/// The deal-registration lifecycle applied to the reconciler's plans (ARCHITECTURE.md,
/// "Partner-program workflows"). Pure: the reconciler syncs the fields; this decides
/// what field sync alone cannot —
///
/// - a partner's new registration (a PRM record the plan creates in the CRM) is created
///   only when submitted, from a partner the CRM knows and with no channel conflict;
///   it gets the pending status. Otherwise nothing is created: the registration goes to
///   review (a `review` link), its PRM status and reason say why, and a channel
///   conflict is opened for ops;
/// - a status change is checked against `RegistrationLifecycle`: a refused one is
///   journaled (`registration.transition.refused`) and not written;
/// - a vendor decision stamps the decision time when the CRM left it empty; an
///   approval (or extension) sets the protection end date on both sides;
/// - the CRM outcome (won / lost) closes an approved registration and reports the
///   configured fields (amount, close date) to the PRM;
/// - `expire` marks approved registrations past their protection period `expired`.
public struct RegistrationWorkflow: Sendable {
    public let registration: DealRegistration
    let compiled: CompiledMapping

    public init(registration: DealRegistration, compiled: CompiledMapping) {
        self.registration = registration
        self.compiled = compiled
    }

    var statusField: String { registration.statusField }

    /// The PRM record `plan` would create in the CRM: a registration to check first.
    public func submission(in plan: Plan, input: ReconcileInput) -> CanonicalRecord? {
        guard plan.writes.contains(where: { $0.side == .crm && $0.operation == .create }),
              case let .upserted(record)? = input.prm else { return nil }
        return record
    }

    /// The plan with the registration rules applied. `checks` answer for a submission
    /// (see `submission(in:input:)`); ignored otherwise.
    public func review(_ plan: Plan, input: ReconcileInput, checks: SubmissionChecks = SubmissionChecks()) -> Plan {
        if let record = submission(in: plan, input: input) {
            return submit(plan, record: record, input: input, checks: checks)
        }
        guard let link = input.link, link.status == .active, let shadow = input.shadow else { return plan }
        return decide(plan, link: link, shadow: shadow, input: input)
    }

    // MARK: Submission

    private func submit(_ plan: Plan, record: CanonicalRecord, input: ReconcileInput, checks: SubmissionChecks) -> Plan {
        let status = RegistrationStatus(record.values[statusField])
        // A draft is not a registration yet; a closed one (duplicate, rejected, …) is never created.
        guard status == nil || status == .submitted || status == .underReview else { return Plan() }
        if let partner = registration.partnerMatch, checks.partnerKnown == false, registration.unknownPartner == .review {
            let key = checks.partner ?? "(none)"
            return hold(record, as: .underReview, input: input, rule: .registrationPartnerUnknown,
                        reason: "Partner \(key) is not a known \(partner.crmObject) in the CRM",
                        detail: "partner \(key) matches no \(partner.crmObject).\(partner.crmField) in the CRM; nothing created")
        }
        if let match = checks.conflict, let settings = registration.channelConflict {
            let evidence = match.evidence
            let other = "\(match.side) \(match.recordId)" + (match.counterpartId.map { " (linked to \($0))" } ?? "")
            let conflict = Conflict(kind: .channel, linkId: "", field: evidence.basis.rawValue,
                                    crm: .string(match.side == .crm ? evidence.candidateValue : evidence.registrationValue),
                                    prm: .string(evidence.registrationValue),
                                    candidates: ([match.recordId] + (match.counterpartId.map { [$0] } ?? [])).sorted())
            return hold(record, as: settings.onMatch, input: input, rule: Self.conflictRule(evidence.basis),
                        reason: "Channel conflict with an \(match.description): \(evidence.summary)",
                        detail: "matches \(match.description) \(other) by \(evidence.summary); nothing created",
                        conflict: conflict)
        }
        var editor = PlanEditor(plan, compiled: compiled, link: input.link, now: input.now)
        var notes: [String] = []
        if let partner = checks.partner, checks.partnerKnown == true { notes.append("partner \(partner) found in the CRM") }
        if registration.channelConflict != nil { notes.append("no channel conflict among \(checks.compared) open deals and active registrations") }
        let detail = notes.isEmpty ? nil : notes.joined(separator: "; ")
        let pending = registration.pendingStatus.value
        editor.set(statusField, pending, on: .crm, rule: .registrationSubmitted, detail: detail)
        // The PRM is told only when it holds another status word (a portal that leaves
        // the status empty is not written to: one request per registration saved).
        if let current = RegistrationStatus(record.values[statusField]), current != registration.pendingStatus,
           compiled.mapping.field(named: statusField)?.path(.prm) != nil {
            editor.set(statusField, pending, on: .prm, rule: .registrationSubmitted, detail: detail)
        }
        return editor.plan
    }

    /// Nothing is created: the PRM record waits in a `review` link with `status` and
    /// the reason. A registration already holding that status plans nothing (our own
    /// write read back, or nothing changed about why it waits).
    private func hold(_ record: CanonicalRecord, as status: RegistrationStatus, input: ReconcileInput, rule: Rule,
                      reason: String, detail: String, conflict: Conflict? = nil) -> Plan {
        if RegistrationStatus(record.values[statusField]) == status { return Plan() }
        var link = input.link ?? Link(id: input.newLinkID, mapping: compiled.name, crmId: nil, prmId: record.id, status: .review)
        link.status = .review
        var fields: [String: Value] = [statusField: status.value]
        var changes = [FieldChange(field: statusField, before: record.values[statusField], after: status.value)]
        if let field = registration.reasonField, writable(field, .prm) {
            fields[field] = .string(reason)
            changes.append(FieldChange(field: field, before: record.values[field], after: .string(reason)))
        }
        if let field = registration.decidedAtField, writable(field, .prm) {
            fields[field] = .datetime(input.now)
            changes.append(FieldChange(field: field, before: record.values[field], after: .datetime(input.now)))
        }
        var opened = conflict
        opened?.linkId = link.id
        let write = PlannedWrite(side: .prm, operation: .update, recordId: record.id, linkId: link.id, fields: fields,
                                 externalId: nil)
        let entry = JournalEntry(mapping: compiled.name, linkId: link.id, crmId: nil, prmId: record.id, direction: .toPRM,
                                 operation: .update, rule: rule, changes: changes, write: 0,
                                 conflict: opened == nil ? nil : 0, detail: detail, at: input.now)
        return Plan(writes: [write], links: [link], conflicts: opened.map { [$0] } ?? [], journal: [entry])
    }

    private func writable(_ field: String, _ side: Side) -> Bool {
        guard let mapping = compiled.mapping.field(named: field) else { return false }
        return mapping.path(side) != nil
    }

    static func conflictRule(_ basis: ChannelConflictBasis) -> Rule {
        switch basis {
        case .domain: .channelConflictDomain
        case .email: .channelConflictEmail
        case .name: .channelConflictName
        }
    }
}
