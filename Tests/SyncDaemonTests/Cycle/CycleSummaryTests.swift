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
