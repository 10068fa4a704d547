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
