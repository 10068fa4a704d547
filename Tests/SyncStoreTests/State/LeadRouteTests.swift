import Foundation
import Testing
import SyncCore
@testable import SyncStore

/// Lead-distribution state: routes and counters are committed with the plan's intents,
/// and due routes are found by deadline and state without reading the others.
@Suite struct LeadRouteTests {
    static func route(_ crmID: String, state: LeadRouteRecord.State, deadline: Int64? = nil, partner: String? = "acme")
        -> LeadRouteRecord {
        LeadRouteRecord(mapping: "leads", crmID: crmID, partner: partner, rule: "dach", state: state, offeredAt: 1,
                        deadline: deadline, excluded: ["globex"], attributes: #"{"country":"DE"}"#)
    }

    @Test func routesAndCountersAreSavedWithThePlanAndReadBack() throws {
        try withState { state, clock, _ in
            var batch = PlanBatch(intents: [updateIntent(mapping: "leads", linkID: "l1", crmID: "00Q1", prmID: "p1")])
            batch.leadRouting = LeadRoutingBatch(
                routes: [Self.route("00Q1", state: .offered, deadline: clock.now + 1_000)],
                counters: [RoutingCounter(mapping: "leads", rule: "dach", partner: "acme", current: -2),
                           RoutingCounter(mapping: "leads", rule: "dach", partner: "globex", current: 2)])
            try state.recordPlan(batch)
            let saved = try #require(try state.leadRoute(mapping: "leads", crmID: "00Q1"))
            #expect(saved.partner == "acme" && saved.state == .offered && saved.excluded == ["globex"])
            #expect(saved.attributes == #"{"country":"DE"}"# && saved.updatedAt == clock.now)
            #expect(try state.routingCounters(mapping: "leads") == ["dach": ["acme": -2, "globex": 2]])
            #expect(try state.routingCounters(mapping: "deals").isEmpty)

            // An upsert replaces the route and the counters.
            var next = PlanBatch()
            var accepted = saved
            accepted.state = .accepted
            next.leadRouting = LeadRoutingBatch(routes: [accepted],
                                                counters: [RoutingCounter(mapping: "leads", rule: "dach", partner: "acme", current: 1)])
            try state.recordPlan(next)
            #expect(try state.leadRoute(mapping: "leads", crmID: "00Q1")?.state == .accepted)
            #expect(try state.routingCounters(mapping: "leads")["dach"]?["acme"] == 1)
            #expect(try state.leadRoutes(crmID: "00Q1").count == 1)
        }
    }

    @Test func aRefusedPlanSavesNoRoute() throws {
        try withState { state, _, _ in
            var batch = PlanBatch(intents: [IntentDraft(mapping: "leads", linkID: nil,
                                                        write: WriteDraft(side: .crm, operation: .update, recordID: "00Q1", payload: "{}"),
                                                        entries: [])])
            batch.leadRouting = LeadRoutingBatch(routes: [Self.route("00Q1", state: .offered, deadline: 5)])
            #expect(throws: StateError.self) { try state.recordPlan(batch) }
            let saved = try state.leadRoute(mapping: "leads", crmID: "00Q1")
            #expect(saved == nil)
        }
    }

    @Test func dueRoutesAreLapsedOffersAndLeftoverRejections() throws {
        try withState { state, clock, _ in
            let now = clock.now
            var batch = PlanBatch()
            batch.leadRouting.routes = [
                Self.route("lapsed", state: .offered, deadline: now - 1),
                Self.route("due-now", state: .offered, deadline: now),
                Self.route("waiting", state: .offered, deadline: now + 1),
                Self.route("rejected", state: .rejected),
                Self.route("accepted", state: .accepted, deadline: now - 10),
                Self.route("exhausted", state: .exhausted),
                Self.route("unrouted", state: .unrouted, partner: nil),
            ]
            try state.recordPlan(batch)
            let due = try state.dueLeadRoutes(mapping: "leads", now: now).map(\.crmID)
            #expect(Set(due) == ["lapsed", "due-now", "rejected"])
            #expect(try state.dueLeadRoutes(mapping: "leads", now: now, limit: 2).count == 2)
            #expect(try state.dueLeadRoutes(mapping: "deals", now: now).isEmpty)
        }
    }
}
