import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Issue 9 on a side without an external-id field (the generic portal of
/// examples/generic-rest.json5): a create whose answer was lost is looked up by its match
/// key (`reference`, unique on the portal, filtered with `objects.deals.lookup.param`),
/// so it is linked when it arrived and sent again only when it did not — never twice,
/// never pulled back as a new record.
@Suite("Cycle: creates looked up by match key where no external-id field exists")
struct CycleMatchKeyLookupTests {
    static func world(edit: @escaping (String) -> String = { $0 }) throws -> CycleWorld {
        try CycleWorld(serviceFile: "examples/generic-rest.json5", urls: PairCase.salesforceGeneric.urls, edit: edit)
    }

    static func opportunity(_ world: CycleWorld, reference: String) throws -> SandboxRecord {
        try world.salesforce.seed("Opportunity", fields: [
            "Name": .string("Deal \(reference)"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-10-31"),
            "Amount": .number(100), "Deal_Reference__c": .string(reference),
        ])
    }

    @Test("the answer to a create is lost after the portal stored it: found by reference, linked, not sent again")
    func lostAnswerFoundByReference() throws {
        let world = try Self.world()
        let generic = world.sandbox.generic.store
        let opportunity = try Self.opportunity(world, reference: "REF-7")
        world.wait()
        generic.inject(.dropConnection, route: "generic.create")
        let first = try world.cycle("generic-deals")
        #expect(first.prm.dead == 0 && first.prm.unsettled == 0, "\(first.prm)")
        let deals = generic.records("deals")
        #expect(deals.count == 1 && world.requests["generic.create"] == 1, "created once: \(deals)")
        let link = try world.state.liveLink(mapping: "generic-deals", side: .crm, recordID: opportunity.id)
        #expect(link?.prmID == deals.first?.id && link?.prmID != nil)
        #expect(try world.state.pendingIntentCount(mapping: "generic-deals") == 0)
        let applied = try world.state.journal(JournalQuery(mapping: "generic-deals", operation: "create", status: .applied))
        #expect(applied.filter { $0.direction == .toPRM }.count == 1, "\(applied)")

        // The complete scans that follow see the deal as linked: nothing is created back.
        for _ in 0..<2 {
            world.wait()
            let next = try world.cycle("generic-deals")
            #expect(next.writes.isEmpty, "\(next.writes)")
        }
        #expect(world.salesforce.records("Opportunity").count == 1 && generic.records("deals").count == 1)
        #expect(try world.state.failures(mapping: "generic-deals", states: [.retry, .dead]).isEmpty)
    }

    @Test("a create left pending that never reached the portal: not found by reference, sent again once")
    func pendingCreateNotFoundIsResent() throws {
        let world = try Self.world()
        let generic = world.sandbox.generic.store
        let opportunity = try Self.opportunity(world, reference: "REF-8")
        world.wait()
        // A process committed the intent, then died before sending it.
        let payload = #"{"title":"Deal REF-8","reference":"REF-8","amount":100,"close_date":"2024-10-31","status":"open"}"#
        try world.state.recordPlan(PlanBatch(
            intents: [IntentDraft(mapping: "generic-deals", linkID: "crashed-link", write: WriteDraft(
                side: .prm, operation: .create, externalID: opportunity.id, payload: payload),
                entries: [JournalDraft(mapping: "generic-deals", linkID: "crashed-link", crmID: opportunity.id,
                                       direction: .toPRM, operation: "create", rule: "create")])],
            links: [LinkRecord(id: "crashed-link", mapping: "generic-deals", crmID: opportunity.id, prmID: nil, status: .active)]))

        let cycle = try world.cycle("generic-deals")
        #expect(cycle.recovered.requeued == 1 && cycle.recovered.dead == 0, "\(cycle.recovered)")
        world.wait()
        try world.cycle("generic-deals")
        let deals = generic.records("deals")
        #expect(deals.count == 1 && world.requests["generic.create"] == 1, "\(deals)")
        #expect(try world.state.link(id: "crashed-link")?.prmID == deals.first?.id)
        #expect(try world.state.pendingIntentCount(mapping: "generic-deals") == 0)
        world.wait()
        #expect(try world.cycle("generic-deals").writes.isEmpty)
        #expect(world.salesforce.records("Opportunity").count == 1)
    }

    @Test("without lookup.param the create cannot be looked up: a dead letter, as config/README.md says")
    func withoutLookupParamStaysDead() throws {
        let world = try Self.world { text in
            text.replacingOccurrences(of: #"deals: { lookup: { param: "reference" } },"#, with: "")
        }
        let generic = world.sandbox.generic.store
        _ = try Self.opportunity(world, reference: "REF-9")
        world.wait()
        generic.inject(.dropConnection, route: "generic.create")
        let first = try world.cycle("generic-deals")
        #expect(first.prm.dead == 1, "\(first.prm)")
        let dead = try world.state.failures(mapping: "generic-deals", states: [.dead])
        #expect(dead.first?.refusal.message.contains("no external-id field") == true, "\(dead)")
    }
}
