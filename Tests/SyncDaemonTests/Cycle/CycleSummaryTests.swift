import Testing
import SyncCore
@testable import SyncDaemon

/// A cycle's summary lists its first writes and counts them all: a million-link cycle's
/// 20,000 writes are not kept one by one, but the metrics still see every one.
@Suite("Cycle summary: listed and counted writes")
struct CycleSummaryTests {
    @Test func writesBeyondTheLimitAreCountedNotListed() {
        var summary = CycleSummary(mapping: "deals", dryRun: false)
        let total = CycleSummary.listedWritesLimit + 5
        var places: [Int?] = []
        for index in 0..<total {
            let write = CycleSummary.Write(side: .prm, operation: .update, recordID: "P\(index)", linkID: "L\(index)",
                                           fields: ["name": "n\(index)"], result: "unsettled")
            places.append(summary.list(write, side: .prm, operation: .update, result: "unsettled"))
        }
        #expect(summary.writes.count == CycleSummary.listedWritesLimit)
        #expect(summary.unlistedWrites == 5 && summary.hasChanges)
        #expect(places.last == .some(nil) && places.first == .some(0))
        // A listed and an unlisted write settle later: both are recounted.
        summary.relist(side: .prm, operation: .update, from: "unsettled", to: "applied", place: places[0])
        summary.relist(side: .prm, operation: .update, from: "unsettled", to: "failed", place: nil)
        #expect(summary.writes[0].result == "applied")
        let records = summary.report.records
        #expect(records[RecordOutcomeKey(direction: "to_prm", operation: "update", result: "unsettled")] == total - 2)
        #expect(records[RecordOutcomeKey(direction: "to_prm", operation: "update", result: "applied")] == 1)
        #expect(records[RecordOutcomeKey(direction: "to_prm", operation: "update", result: "failed")] == 1)
    }
}

/// The summary's phase timings say where a slow cycle spent its time (`once` prints them,
/// the daemon logs them with "cycle finished").
@Suite("Cycle summary: phase timings")
struct CyclePhaseTimingTests {
    @Test("a slow pull shows in the pull phase, a slow write in the reconcile-and-send phase")
    func slowPhasesShowWhereTheTimeWent() throws {
        let world = try CycleWorld()
        try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        world.wait()
        world.portal.inject(.delay(milliseconds: 800), route: "impartner.list")
        let slowPull = try world.cycle("deals")
        #expect(slowPull.prm.created == 1)
        #expect(slowPull.pullMillis >= 800)
        #expect(slowPull.durationMillis >= slowPull.pullMillis + slowPull.reconcileMillis)
        #expect(slowPull.report.pullMillis == slowPull.pullMillis)

        try world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme.merging(["Name": .string("Acme renewal")]) { $1 })
        world.wait()
        world.portal.inject(.delay(milliseconds: 800), route: "impartner.create")
        let slowWrite = try world.cycle("deals")
        #expect(slowWrite.prm.created == 1)
        #expect(slowWrite.reconcileMillis >= 800)
        #expect(slowWrite.pullMillis < slowWrite.reconcileMillis, "the write's wait is not counted as pulling")
        #expect(slowWrite.durationMillis >= slowWrite.pullMillis + slowWrite.reconcileMillis)
        #expect(slowWrite.report.reconcileMillis == slowWrite.reconcileMillis)
    }
}
