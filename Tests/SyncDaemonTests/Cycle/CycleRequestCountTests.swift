import Foundation
import Testing
import Sandbox
import SyncCore
@testable import SyncDaemon

/// API quotas are the bottleneck: a cycle spends one request per page read and per batch
/// written (the portal has no batch endpoint: one per record), and nothing else.
@Suite("Cycle: requests per cycle are the minimum")
struct CycleRequestCountTests {

    static func opportunity(_ index: Int) -> [String: JSONValue] {
        ["Name": .string("Opportunity \(index)"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
         "Amount": .number(Decimal(1000 + index)), "Partner_Account__c": .string("001000000000001AAA"),
         "Customer_Domain__c": .string("crm\(index).example")]
    }

    static func deal(_ index: Int) -> [String: JSONValue] {
        ["name": .string("Deal \(index)"), "amount": .number(Decimal(500 + index)), "closeDate": .string("2024-08-31"),
         "stage": .object(["name": .string("Prospect")]), "company": .object(["domain": .string("prm\(index).example")]),
         "partner": .object(["crmAccountId": .string("001000000000002AAA")])]
    }

    /// Records an incremental pull of `side` must read: those changed since its cursor's
    /// high-water mark minus the overlap window (records can commit late, so the window is
    /// read again; what it re-delivers is skipped, but the pages are spent).
    static func toRead(_ world: CycleWorld, _ side: Side, overlap: Int64 = 60_000) throws -> Int {
        let stored = try world.state.cursor(mapping: "deals", side: side)
        let highWater = stored.flatMap { SideCursor.decode($0.value)?.pull?.highWater } ?? .min
        let records = side == .crm ? world.salesforce.records("Opportunity", includeDeleted: true) : world.portal.records("Deal")
        return records.filter { $0.modifiedAt >= highWater - overlap }.count
    }


    @Test("first sync, quiet cycle and edits: pages plus batches")
    func minimum() throws {
        let world = try CycleWorld()
        let crmCount = 2_100, prmCount = 700
        let opportunities = try world.salesforce.seed("Opportunity", records: (0..<crmCount).map(Self.opportunity))
        let deals = try world.portal.seed("Deal", records: (0..<prmCount).map(Self.deal))
        world.wait()

        // First sync: read both sides whole, create each side's records on the other.
        let first = try world.cycle("deals")
        #expect(first.crm.created == prmCount && first.prm.created == crmCount && first.problems == 0)
        let minimum = RequestMinimum()
        let firstMinimum = minimum.tokens(.salesforce)
            + minimum.pull(.salesforce, records: crmCount, incremental: false) + minimum.write(.salesforce, .init(creates: prmCount))
            + minimum.pull(.impartner, records: prmCount, incremental: false) + minimum.write(.impartner, .init(creates: crmCount))
        let firstActual = world.sandbox.totalRequests
        #expect(RequestMinimum.near(firstActual, firstMinimum), "first sync: \(firstActual) requests for a minimum of \(firstMinimum): \(world.requests)")
        #expect(first.requests.values.reduce(0) { $0 + $1.requests } == firstActual, "usage() agrees with the server")

        // The echoes: one read of each side (plus Salesforce's delete feed), no write.
        world.sandbox.resetCounters()
        world.wait()
        var reads = (crm: try Self.toRead(world, .crm), prm: try Self.toRead(world, .prm))
        let echo = try world.cycle("deals")
        #expect(echo.writes.isEmpty)
        let echoMinimum = minimum.pull(.salesforce, records: reads.crm, incremental: true)
            + minimum.pull(.impartner, records: reads.prm, incremental: true)
        #expect(RequestMinimum.near(world.sandbox.totalRequests, echoMinimum), "echo cycle: \(world.requests), minimum \(echoMinimum)")

        // 300 edits on each side: updates in batches of 200 to Salesforce, one each to the portal.
        for opportunity in opportunities.prefix(300) {
            try world.salesforce.edit("Opportunity", id: opportunity.id, set: ["Amount": .number(77)])
        }
        for deal in deals.prefix(300) {
            try world.portal.edit("Deal", id: deal.id, set: ["name": .string("\(deal.id) renamed")])
        }
        world.sandbox.resetCounters()
        world.wait()
        reads = (crm: try Self.toRead(world, .crm), prm: try Self.toRead(world, .prm))
        let edits = try world.cycle("deals")
        #expect(edits.crm.updated == 300 && edits.prm.updated == 300 && edits.problems == 0)
        let editMinimum = minimum.pull(.salesforce, records: reads.crm, incremental: true) + minimum.write(.salesforce, .init(updates: 300))
            + minimum.pull(.impartner, records: reads.prm, incremental: true) + minimum.write(.impartner, .init(updates: 300))
        #expect(RequestMinimum.near(world.sandbox.totalRequests, editMinimum), "edits: \(world.requests), minimum \(editMinimum)")
        print("request counts: first sync \(firstActual) (minimum \(firstMinimum)), echo minimum \(echoMinimum), "
              + "edits \(world.sandbox.totalRequests) (minimum \(editMinimum)): \(world.requests)")

        world.sandbox.resetCounters()
        world.wait()
        try world.cycle("deals")
        world.sandbox.resetCounters()
        world.wait()
        let quiet = try world.cycle("deals")
        #expect(quiet.writes.isEmpty && world.sandbox.totalRequests == 3, "a quiet cycle: \(world.requests)")
    }
}
