import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// A `manual` field edited differently on both sides waits for ops; their decision is
/// applied by the next cycle.
@Suite("Cycle: manual conflicts")
struct CycleConflictTests {
    @Test("a manual conflict is opened, writes nothing for the field, and ops' decision is applied next cycle")
    func manualConflict() throws {
        let world = try CycleWorld()
        let opportunity = try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        try world.cycle("deals")
        let mirror = try #require(world.portal.records("Deal").first { $0.value(at: "crmId") == .string(opportunity.id) })
        world.wait()
        try world.cycle("deals")

        // `description` (notes) is policy manual: both sides edit it, differently.
        try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Description": .string("Three sites, 2025")])
        try world.portal.edit("Deal", id: mirror.id, set: ["notes": .string("Four sites"), "amount": .number(13000)])
        world.wait()
        let clash = try world.cycle("deals")
        #expect(clash.conflicts == 1)
        #expect(world.portal.record("Deal", id: mirror.id)?.value(at: "notes") == .string("Four sites"))
        #expect(world.salesforce.record("Opportunity", id: opportunity.id)?.value(at: "Description") == .string("Three sites, 2025"))
        let conflict = try #require(try world.state.conflicts(mapping: "deals").first)
        #expect(conflict.field == "description" && conflict.state == .open)

        world.wait()
        let waiting = try world.cycle("deals")
        #expect(waiting.writes.isEmpty && waiting.conflicts == 0, "an open conflict is not reported again")

        try world.state.resolveConflict(id: conflict.id, resolution: .take(.prm), by: "ops@test")
        world.wait()
        let resolved = try world.cycle("deals")
        #expect(resolved.crm.updated == 1 && resolved.problems == 0, "\(resolved.writes)")
        #expect(world.salesforce.record("Opportunity", id: opportunity.id)?.value(at: "Description") == .string("Four sites"))
        #expect(try world.state.conflict(id: conflict.id)?.state == .closed)
        world.wait()
        #expect(try world.cycle("deals").writes.isEmpty)
    }
}
