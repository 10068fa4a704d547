import Foundation
import Synchronization
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// A cycle recorded and sent in plan chunks (`CycleSettings.planChunkRecords`) does what
/// one plan does: every record arrives once, links made in an earlier chunk are seen by
/// the later ones, and a stop between chunks leaves nothing to duplicate.
@Suite("Cycle: plan chunks")
struct CycleChunkTests {
    /// Opportunities on the CRM and deals on the portal, none linked.
    private static func seed(_ world: CycleWorld, count: Int) throws -> (crm: [String], prm: [String]) {
        var crm: [String] = []
        var prm: [String] = []
        for number in 0..<count {
            var opportunity = CycleDealsTests.acme
            opportunity["Name"] = .string("Opportunity \(number)")
            opportunity["Customer_Email__c"] = .string("buyer\(number)@acme.example")
            crm.append(try world.salesforce.seed("Opportunity", fields: opportunity).id)
            var deal = CycleDealsTests.globex
            deal["name"] = .string("Deal \(number)")
            deal["contact"] = .object(["email": .string("cto\(number)@globex.example")])
            prm.append(try world.portal.seed("Deal", fields: deal).id)
        }
        world.wait()
        return (crm, prm)
    }

    @Test("small chunks create every record once on the other side, and the next cycle writes nothing",
          arguments: [(1, true), (3, true), (3, false), (7, true)])
    func chunksCreateOnce(records: Int, overlap: Bool) throws {
        let world = try CycleWorld()
        let seeded = try Self.seed(world, count: 9)
        let first = try world.cycle("deals", settings: CycleSettings(planChunkRecords: records, overlapSends: overlap))
        #expect(first.crm.created == 9 && first.prm.created == 9)
        #expect(first.problems == 0 && first.cursorsAdvanced)
        #expect(world.portal.records("Deal").count == 18)
        Self.expectEachArrivedOnce(world, seeded)
        #expect(try world.state.pendingIntentCount(mapping: "deals") == 0)
        world.wait()
        let second = try world.cycle("deals", settings: CycleSettings(planChunkRecords: records))
        #expect(second.writes.isEmpty && second.problems == 0)
    }

    @Test("edits of linked pairs sent in several chunks arrive, as with one plan, the pulled records kept in memory or read back from the records index",
          arguments: [CycleSettings().keptRecordBytes, 0])
    func chunkedEditsArrive(keptRecordBytes: Int) throws {
        let world = try CycleWorld()
        let seeded = try Self.seed(world, count: 6)
        try world.cycle("deals")
        world.wait()
        for (number, id) in seeded.crm.enumerated() {
            _ = try world.salesforce.edit("Opportunity", id: id, set: ["Amount": .number(Decimal(1_000 + number))])
        }
        for (number, id) in seeded.prm.enumerated() {
            _ = try world.portal.edit("Deal", id: id, set: ["notes": .string("note \(number)")])
        }
        world.wait()
        let edits = try world.cycle("deals", settings: CycleSettings(planChunkRecords: 2, keptRecordBytes: keptRecordBytes))
        #expect(edits.prm.updated == 6 && edits.crm.updated == 6 && edits.problems == 0 && edits.cursorsAdvanced)
        for (number, id) in seeded.crm.enumerated() {
            let deal = world.portal.records("Deal").first { $0.value(at: "crmId") == .string(id) }
            #expect(deal?.value(at: "amount") == .number(Decimal(1_000 + number)))
        }
        for (number, id) in seeded.prm.enumerated() {
            let opportunity = world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(id) }
            #expect(opportunity?.value(at: "Description") == .string("note \(number)"))
        }
    }

    @Test("a stop between chunks ends the cycle with the cursors kept; the next cycle finishes without duplicates")
    func stopBetweenChunks() throws {
        let world = try CycleWorld()
        let seeded = try Self.seed(world, count: 8)
        let mapping = try world.mapping("deals")
        let pair = try world.connectors.connectors(for: mapping)
        let clock = world.clock
        let portal = world.portal
        // Asked to stop once the first chunk's creates reached the portal.
        let hooks = CycleHooks(isStopping: { portal.count("Deal") > 8 })
        let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: world.state,
                                  settings: CycleSettings(planChunkRecords: 4), clock: { clock.now() })
        #expect(throws: CycleError.stopped(mapping: "deals")) { try cycle.run(hooks: hooks) }
        #expect(portal.records("Deal").count < 16, "the chunks after the stop were not sent")
        #expect(try world.state.cursor(mapping: "deals", side: .crm) == nil, "the cursors stay put")

        world.wait()
        let next = try world.cycle("deals", settings: CycleSettings(planChunkRecords: 4))
        #expect(next.problems == 0 && next.cursorsAdvanced)
        Self.expectEachArrivedOnce(world, seeded)
    }

    @Test("a chunk's plan is recorded while the chunk before it is still on the wire, and each write's intent before its outcome")
    func plansAreRecordedAhead() throws {
        let world = try CycleWorld()
        let seeded = try Self.seed(world, count: 6)
        // The first chunk's first create answers late: the next chunk is recorded meanwhile.
        world.portal.inject(.delay(milliseconds: 1_000), route: "impartner.create")
        let summary = try world.cycle("deals", settings: CycleSettings(planChunkRecords: 2))
        #expect(summary.crm.created == 6 && summary.prm.created == 6)
        #expect(summary.problems == 0 && summary.cursorsAdvanced)
        Self.expectEachArrivedOnce(world, seeded)
        let rows = try world.state.journal(JournalQuery(mapping: "deals", limit: 10_000)).sorted { $0.seq < $1.seq }
        let firstOutcome = try #require(rows.first { $0.intentSeq != nil })
        let intentsBefore = rows.filter { $0.isIntent && $0.seq < firstOutcome.seq }
        #expect(intentsBefore.count == 4, "the first two chunks' intents (two creates each) precede the first outcome")
        let intents = Dictionary(rows.filter(\.isIntent).map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        for outcome in rows where outcome.intentSeq != nil {
            let intent = try #require(intents[outcome.intentSeq ?? 0])
            #expect(intent.writeID == outcome.writeID && intent.seq < outcome.seq)
        }
    }

    @Test("a chunk names the links its recording writes; its outcomes touch only its writes' links and held shadows")
    func chunkLinks() throws {
        let world = try CycleWorld()
        let mapping = try world.mapping("deals")
        var plan = CyclePlan(mapping: mapping)
        let empty = FieldValues.empty(names: [])
        let created = Link(id: "link-created", mapping: "deals", crmId: "006A", prmId: nil, status: .active)
        try plan.add(Plan(writes: [PlannedWrite(side: .prm, operation: .create, recordId: nil, linkId: created.id,
                                                fields: ["name": .string("Deal")], externalId: "006A")],
                          shadow: Shadow(crm: empty, prm: empty), links: [created]), link: nil)
        let review = Link(id: "link-review", mapping: "deals", crmId: "006B", prmId: "D-1", status: .review)
        try plan.add(Plan(links: [review]), link: nil)
        let quiet = Link(id: "link-quiet", mapping: "deals", crmId: "006C", prmId: "D-2", status: .active)
        try plan.add(Plan(shadow: Shadow(crm: empty, prm: empty)), link: quiet)
        #expect(plan.outcomeLinks == ["link-created"])
        #expect(plan.recordedLinks == ["link-created", "link-review", "link-quiet"])

        // The next chunk updates the record the first one creates: it waits for that outcome.
        var next = CyclePlan(mapping: mapping)
        try next.add(Plan(writes: [PlannedWrite(side: .prm, operation: .update, recordId: nil, linkId: created.id,
                                                fields: ["amount": .number(5)], externalId: "006A")]), link: created)
        #expect(!ChunkSender.mayRecord(next, aheadOfOutcomesTouching: plan.outcomeLinks))
        var unrelated = CyclePlan(mapping: mapping)
        try unrelated.add(Plan(links: [Link(id: "link-other", mapping: "deals", crmId: "006D", prmId: nil, status: .active)]),
                          link: nil)
        #expect(ChunkSender.mayRecord(unrelated, aheadOfOutcomesTouching: plan.outcomeLinks))
        unrelated.batch.leadRouting.counters.append(RoutingCounter(mapping: "deals", rule: "round-robin", partner: "P1", current: 1))
        #expect(!ChunkSender.mayRecord(unrelated, aheadOfOutcomesTouching: plan.outcomeLinks),
                "a plan that routes leads is never recorded ahead")
    }

    @Test("the first chunk is small, so sending starts early; each chunk doubles up to planChunkRecords")
    func chunksGrowFromASmallFirstOne() {
        #expect((0..<6).map { ChunkedPlan.size(ofChunk: $0, limit: 4_000) } == [250, 500, 1_000, 2_000, 4_000, 4_000])
        #expect((0..<3).map { ChunkedPlan.size(ofChunk: $0, limit: 3) } == [3, 3, 3])
        #expect(ChunkedPlan.size(ofChunk: 1_000, limit: 4_000) == 4_000)
    }

    /// Every seeded record has exactly one copy on the other side.
    static func expectEachArrivedOnce(_ world: CycleWorld, _ seeded: (crm: [String], prm: [String])) {
        let deals = world.portal.records("Deal")
        for id in seeded.crm {
            #expect(deals.filter { $0.value(at: "crmId") == .string(id) }.count == 1, "opportunity \(id) arrives once")
        }
        let opportunities = world.salesforce.records("Opportunity")
        for id in seeded.prm {
            #expect(opportunities.filter { $0.value(at: "PRM_Deal_Id__c") == .string(id) }.count == 1,
                    "deal \(id) arrives once")
        }
    }
}
