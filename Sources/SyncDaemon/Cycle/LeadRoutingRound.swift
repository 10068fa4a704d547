import SyncCore
import SyncStore

/// One cycle's lead-distribution decisions (see `SyncCycle.distributeLeads`), gathered
/// into a `CyclePlan` of their own: the assignment writes with their journal intents,
/// the decisions that need no write, the routes and the round-robin counters — all
/// committed in one transaction before anything is sent.
struct LeadRoutingRound {
    /// Why a lead is taken from its partner.
    enum Withdrawal {
        case rejected
        case slaExpired
    }

    let distribution: LeadDistribution
    let router: LeadRouter
    let now: Int64
    private(set) var plan: CyclePlan
    private var counters: [String: RoundRobinCounters]
    private var movedRules: Set<String> = []
    /// CRM ids decided this round: one decision per lead per cycle.
    private(set) var decided: Set<String> = []
    private var plans = 0

    init(mapping: Mapping, distribution: LeadDistribution, now: Int64, counters: [String: [String: Int64]]) {
        self.distribution = distribution
        router = LeadRouter(distribution)
        self.now = now
        plan = CyclePlan(mapping: mapping)
        self.counters = counters.mapValues { RoundRobinCounters($0) }
    }

    var mapping: Mapping { plan.mapping }
    var isEmpty: Bool { plan.batch.isEmpty }

    /// The plan to record, with the routes and the counters of every rule that picked.
    func finished() -> CyclePlan {
        var finished = plan
        for rule in movedRules.sorted() {
            for (partner, current) in (counters[rule]?.current ?? [:]).sorted(by: { $0.key < $1.key }) {
                finished.batch.leadRouting.counters.append(
                    RoutingCounter(mapping: mapping.name, rule: rule, partner: partner, current: current))
            }
        }
        return finished
    }

    // MARK: Decisions

    /// A new lead (or one no partner could take before): offered to the partner the
    /// rules choose, written to the CRM only — the next cycle creates it in the PRM.
    mutating func route(crmID: String, values: FieldValues, previous: LeadRouteRecord?) throws(CycleError) {
        decided.insert(crmID)
        let lead = LeadAttributes(values: values, fields: distribution.leadFields)
        let decision = decide(lead, excluded: Set(previous?.excluded ?? []))
        let attributes = try StateCoding.text(lead, what: "the routing attributes of lead \(crmID)")
        guard let partner = decision.partner else {
            // Journaled once; a lead still unroutable when it changes again says nothing new.
            guard previous?.state != .unrouted else { return }
            note(.unrouted, crmID: crmID, prmID: nil, linkID: nil, detail: "\(decision.detail); lead: \(lead.summary)")
            plan.batch.leadRouting.routes.append(LeadRouteRecord(
                mapping: mapping.name, crmID: crmID, state: .unrouted, excluded: previous?.excluded ?? [], attributes: attributes))
            return
        }
        let deadline = distribution.deadline(offeredAt: now)
        let fields = assignment(partner)
        let changes = fields.keys.sorted().map { FieldChange(field: $0, before: values[$0], after: fields[$0]) }
        let entry = JournalDraft(mapping: mapping.name, crmID: crmID, direction: .toCRM, operation: "route",
                                 rule: decision.journalRule.rawValue, changes: try StateCoding.changesText(changes),
                                 detail: "\(decision.detail); lead: \(lead.summary); accept by \(Self.time(deadline))", at: now)
        _ = plan.appendRouting(side: .crm, recordID: crmID, externalID: nil, linkID: nil, fields: fields, entries: [entry],
                               plan: nil)
        plan.batch.leadRouting.routes.append(LeadRouteRecord(
            mapping: mapping.name, crmID: crmID, partner: partner.id, rule: decision.rule?.name, state: .offered,
            offeredAt: now, deadline: deadline, excluded: previous?.excluded ?? [], attributes: attributes))
    }

    /// The partner took the lead: the offer is settled (the mapping carries the status to the CRM).
    mutating func accept(_ route: LeadRouteRecord, link: Link) {
        decided.insert(route.crmID)
        var accepted = route
        accepted.state = .accepted
        let waited = route.offeredAt.map { " after \(Self.span(now - $0))" } ?? ""
        note(.accepted, crmID: route.crmID, prmID: link.prmId, linkID: link.id,
             detail: "\(route.partner ?? "the partner") accepted\(waited) (SLA \(distribution.acceptWithinHours) h; rule '\(route.rule ?? "-")')")
        plan.batch.leadRouting.routes.append(accepted)
    }

    /// The partner rejected the lead but it cannot be offered again this cycle (its
    /// other writes have no outcome yet): kept for the next cycle.
    mutating func deferRejection(_ route: LeadRouteRecord) {
        decided.insert(route.crmID)
        var rejected = route
        rejected.state = .rejected
        plan.batch.leadRouting.routes.append(rejected)
    }

    /// Takes the lead from its partner and offers it to the next eligible one; with none
    /// left it goes back to the vendor (partner cleared in the CRM, `withdrawn` on both
    /// sides). Both sides are written when the lead is linked, and the shadow follows.
    mutating func withdraw(_ route: LeadRouteRecord, why: Withdrawal, link: Link?, shadow: Shadow?) throws(CycleError) {
        decided.insert(route.crmID)
        let lead = try StateCoding.value(LeadAttributes.self, from: route.attributes,
                                         what: "the routing attributes of lead \(route.crmID)")
        var excluded = route.excluded
        if let previous = route.partner, !excluded.contains(previous) { excluded.append(previous) }
        let decision = decide(lead, excluded: Set(excluded))
        let previous = route.partner ?? "the partner"
        var detail: String
        switch why {
        case .rejected:
            detail = "\(previous) rejected the lead"
        case .slaExpired:
            detail = "\(previous) did not accept within \(distribution.acceptWithinHours) h (offered \(Self.time(route.offeredAt)), due \(Self.time(route.deadline)))"
        }
        var next = route
        next.excluded = excluded
        var crmFields: [String: Value]
        var prmFields: [String: Value]
        if let partner = decision.partner {
            let deadline = distribution.deadline(offeredAt: now)
            detail += "; withdrawn and offered to \(partner.id): \(decision.detail); accept by \(Self.time(deadline))"
            crmFields = assignment(partner)
            prmFields = crmFields
            next.partner = partner.id
            next.rule = decision.rule?.name
            next.state = .offered
            next.offeredAt = now
            next.deadline = deadline
        } else {
            detail += "; withdrawn, back with the vendor: \(decision.detail)"
            crmFields = [distribution.partnerField: .null, distribution.statusField: .string(distribution.statuses.withdrawn)]
            prmFields = [distribution.statusField: .string(distribution.statuses.withdrawn)]
            next.state = .exhausted
            next.deadline = nil
        }
        detail += "; lead: \(lead.summary)"
        let rule = (why == .rejected ? RoutingJournalRule.rejected : .slaExpired).rawValue
        plans += 1
        var indices: Set<Int> = []
        var newShadow = shadow
        for side in Side.allCases {
            let fields = side == .crm ? crmFields : prmFields
            guard let recordID = side == .crm ? route.crmID : link?.prmId else { continue }
            let before = shadow?.values(side)
            let changes = fields.keys.sorted().map { FieldChange(field: $0, before: before?[$0], after: fields[$0]) }
            let entry = JournalDraft(mapping: mapping.name, linkID: link?.id, crmID: route.crmID, prmID: link?.prmId,
                                     direction: side == .crm ? .toCRM : .toPRM, operation: "route", rule: rule,
                                     changes: try StateCoding.changesText(changes), detail: detail, at: now)
            let externalID = mapping.binding(side).externalIdField == nil ? nil : link?.id(side.other)
            indices.insert(plan.appendRouting(side: side, recordID: recordID, externalID: externalID, linkID: link?.id,
                                              fields: fields, entries: [entry], plan: link == nil ? nil : plans))
            for (name, value) in fields {
                if side == .crm { newShadow?.crm[name] = value } else { newShadow?.prm[name] = value }
            }
            if side == .crm { newShadow?.crmAwaitsEcho = true } else { newShadow?.prmAwaitsEcho = true }
        }
        if let newShadow, let link {
            plan.heldShadows[plans] = CyclePlan.HeldShadow(record: try newShadow.record(linkID: link.id), waitingFor: indices)
        }
        plan.batch.leadRouting.routes.append(next)
    }

    // MARK: Parts

    private mutating func decide(_ lead: LeadAttributes, excluded: Set<String>) -> RoutingDecision {
        let decision = router.route(lead, excluded: excluded, counters: &counters)
        if let rule = decision.rule { movedRules.insert(rule.name) }
        return decision
    }

    /// The canonical assignment of a lead offered to `partner`.
    private func assignment(_ partner: PartnerProfile) -> [String: Value] {
        [distribution.partnerField: .string(partner.crmAccountId), distribution.statusField: .string(distribution.statuses.offered)]
    }

    /// A decision that needs no write, journaled as applied (it changed the lead's route).
    private mutating func note(_ rule: RoutingJournalRule, crmID: String, prmID: String?, linkID: String?, detail: String) {
        let entry = JournalDraft(mapping: mapping.name, linkID: linkID, crmID: crmID, prmID: prmID, direction: .none,
                                 operation: "route", rule: rule.rawValue, detail: detail, at: now)
        plan.batch.decisions.append(DecisionDraft(entry, status: .applied))
    }

    static func time(_ millis: Int64?) -> String {
        millis.flatMap { ISO8601Instant.format(millis: $0) } ?? "-"
    }

    /// `5h12m`, `3d2h`: how long an offer waited.
    static func span(_ millis: Int64) -> String {
        let minutes = max(0, millis) / 60_000
        let (days, hours, rest) = (minutes / 1_440, minutes / 60 % 24, minutes % 60)
        if days > 0 { return "\(days)d\(hours)h" }
        return hours > 0 ? "\(hours)h\(rest)m" : "\(rest)m"
    }
}
