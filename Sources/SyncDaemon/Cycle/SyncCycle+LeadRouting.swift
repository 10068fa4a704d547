import SyncCore
import SyncStore

extension SyncCycle {
    /// Lead distribution (`leadDistribution` in the mapping), run after the reconciled
    /// writes went out, as a plan of its own (recorded, then sent, like the reconciler's):
    ///
    /// 1. partners' answers pulled from the PRM this cycle: an acceptance settles the
    ///    offer; a rejection withdraws the lead and offers it to the next eligible partner;
    /// 2. routes due without a pull: offers not accepted by their deadline (the SLA, on
    ///    this cycle's clock), and rejections that could not be re-offered last cycle;
    /// 3. CRM leads pulled this cycle that `when` takes and that have no partner: offered
    ///    to the partner the rules choose. Only the CRM is written; the next cycle's pull
    ///    sees the assignment and the mapping creates the lead in the PRM, so the CRM stays
    ///    the one place an assignment is made.
    ///
    /// A lead whose reconciled writes this cycle did not all apply is left for the next
    /// cycle, so an assignment is never overtaken by an older write.
    ///
    /// `busy`: links with a reconciled write this cycle that did not apply (unsettled,
    /// failed; none in a dry run): their leads wait for the next cycle.
    func distributeLeads(_ pulled: [Side: PulledSide], busy: Set<String>, cycleID: Int64,
                         summary: inout CycleSummary, hooks: CycleHooks) throws(CycleError) {
        guard let distribution = mapping.leadDistribution else { return }
        let counters: [String: [String: Int64]]
        do {
            counters = try state.routingCounters(mapping: mapping.name)
        } catch {
            throw CycleError.store("read the routing counters", error)
        }
        var round = LeadRoutingRound(mapping: mapping, distribution: distribution, now: clock(), counters: counters)
        if let prm = pulled[.prm] { try takeAnswers(prm, busy: busy, into: &round) }
        try withdrawDue(busy: busy, into: &round)
        if let crm = pulled[.crm] { try routeNewLeads(crm, into: &round) }
        guard !round.isEmpty else { return }
        var plan = round.finished()
        guard !hooks.isStopping else { throw .stopped(mapping: mapping.name) }
        let receipt: PlanReceipt
        do {
            receipt = try state.recordPlan(plan.batch, cycle: cycleID)
        } catch {
            throw CycleError.store("record the lead-routing plan", error)
        }
        for index in plan.writes.indices {
            plan.writes[index].writeID = receipt.tickets[plan.writes[index].intentIndex].writeID
        }
        if settings.dryRun {
            plan.listAll(as: "planned", into: &summary, describe: describe)
            for write in plan.writes { count(write, into: &summary) }
            return
        }
        try send(&plan, summary: &summary, hooks: hooks)
    }

    /// Step 1: acceptances and rejections of the lead's current partner.
    private func takeAnswers(_ prm: PulledSide, busy: Set<String>, into round: inout LeadRoutingRound) throws(CycleError) {
        let distribution = round.distribution
        try forEachChange(prm) { id, change throws(CycleError) in
            guard case let .upserted(record) = change, prm.unreadable[id] == nil,
                  case let .string(status)? = record.values[distribution.statusField],
                  status == distribution.statuses.accepted || status == distribution.statuses.rejected else { return }
            let link = try liveLink(.prm, id)
            guard let link, let crmID = link.crmId, !round.decided.contains(crmID),
                  let route = try leadRoute(crmID), route.state == .offered || route.state == .accepted,
                  let partner = route.partner.flatMap(distribution.partner(id:)),
                  record.values[distribution.partnerField] == .string(partner.crmAccountId) else { return }
            if status == distribution.statuses.accepted {
                if route.state == .offered { round.accept(route, link: link) }
            } else if busy.contains(link.id) {
                round.deferRejection(route)
            } else {
                try round.withdraw(route, why: .rejected, link: link, shadow: try shadow(link))
            }
        }
    }

    /// Step 2: offers past their deadline, rejections left from the last cycle.
    private func withdrawDue(busy: Set<String>, into round: inout LeadRoutingRound) throws(CycleError) {
        let due: [LeadRouteRecord]
        do {
            due = try state.dueLeadRoutes(mapping: mapping.name, now: round.now)
        } catch {
            throw CycleError.store("read the lead routes due", error)
        }
        for route in due where !round.decided.contains(route.crmID) {
            let link = try liveLink(.crm, route.crmID)
            if let link, busy.contains(link.id) { continue }
            try round.withdraw(route, why: route.state == .rejected ? .rejected : .slaExpired, link: link,
                               shadow: try link.map { link throws(CycleError) in try shadow(link) } ?? nil)
        }
    }

    /// Step 3: new CRM leads without a partner.
    private func routeNewLeads(_ crm: PulledSide, into round: inout LeadRoutingRound) throws(CycleError) {
        let distribution = round.distribution
        try forEachChange(crm) { id, change throws(CycleError) in
            guard !round.decided.contains(id), case let .upserted(record) = change, crm.unreadable[id] == nil,
                  distribution.isUnassigned(record.values), distribution.takes(record.values) else { return }
            let route = try leadRoute(id)
            // Routed before (offered, answered, exhausted): not routed again by a CRM edit.
            if let route, route.state != .unrouted { return }
            // Linked without a route: a partner assigned by hand was cleared; not ours to redo.
            if route == nil, try liveLink(.crm, id) != nil { return }
            try round.route(crmID: id, values: record.values, previous: route)
        }
    }

    /// Calls `body` with each change of the side in the order first seen, the records
    /// read back from the index a slice at a time.
    private func forEachChange(_ pulled: PulledSide,
                               _ body: (String, RecordChange) throws(CycleError) -> Void) throws(CycleError) {
        for slice in Self.batches(pulled.order) {
            let read = try changes(of: pulled, ids: slice)
            for id in slice { if let change = read[id] { try body(id, change) } }
        }
    }

    private func leadRoute(_ crmID: String) throws(CycleError) -> LeadRouteRecord? {
        do {
            return try state.leadRoute(mapping: mapping.name, crmID: crmID)
        } catch {
            throw CycleError.store("read the route of lead \(crmID)", error)
        }
    }

    private func liveLink(_ side: Side, _ id: String) throws(CycleError) -> Link? {
        do {
            return try state.liveLink(mapping: compiled, side: side, recordID: id)
        } catch {
            throw CycleError.store("read the link of \(side) record \(id)", error)
        }
    }

    private func shadow(_ link: Link) throws(CycleError) -> Shadow? {
        let record: ShadowRecord?
        do {
            record = try state.shadow(linkID: link.id)
        } catch {
            throw CycleError.store("read the shadow of link \(link.id)", error)
        }
        return try record.map { record throws(CycleError) in try Shadow(record, names: compiled.names) }
    }
}
