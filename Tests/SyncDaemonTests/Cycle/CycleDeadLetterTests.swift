import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Issue 9: a permanent per-record error (validation) dead-letters that one record after
/// the configured attempts, while the other records of its batch and of later cycles
/// proceed; the journal keeps the remote's validation message verbatim.
@Suite("Cycle: a record refused by validation goes dead alone")
struct CycleDeadLetterTests {
    @Test("one refused record of a batch is dead-lettered after maxAttempts; its batch-mates and later records sync")
    func oneRecordDeadTheRestProceed() throws {
        let world = try CycleWorld()
        try world.portal.seed("Deal", fields: CycleFailureTests.deal("Good one"))
        // Salesforce requires CloseDate: this deal has none.
        let bad = try world.portal.seed("Deal", fields: CycleFailureTests.deal("No date", closeDate: nil))
        try world.portal.seed("Deal", fields: CycleFailureTests.deal("Good two"))
        world.wait()
        let settings = CycleSettings(maxAttempts: 3)
        let verbatim = "REQUIRED_FIELD_MISSING: Required fields are missing: [CloseDate]"

        let first = try world.cycle("deals", settings: settings)
        #expect(first.crm.created == 2 && first.crm.failed == 1 && first.crm.dead == 0, "\(first.crm)")
        #expect(world.requests["salesforce.composite.upsert"] == 1, "the three creates went in one batch")

        // Each later cycle brings a new deal; the refused one is resent alongside it.
        for (round, name) in ["Later one", "Later two", "Later three"].enumerated() {
            try world.portal.seed("Deal", fields: CycleFailureTests.deal(name))
            world.wait()
            let summary = try world.cycle("deals", settings: settings)
            #expect(summary.crm.created == 1, "round \(round): \(summary.crm)")
            let resent = round < 2
            #expect(summary.retried == (resent ? 1 : 0), "round \(round)")
            #expect(summary.crm.failed == (round == 0 ? 1 : 0) && summary.crm.dead == (round == 1 ? 1 : 0),
                    "round \(round): attempt \(round + 2) of 3: \(summary.crm)")
            #expect(summary.cursorsAdvanced)
        }

        let names = Set(world.salesforce.records("Opportunity").compactMap { $0.value(at: "Name") })
        #expect(names == Set(["Good one", "Good two", "Later one", "Later two", "Later three"].map { JSONValue.string($0) }))
        let failures = try world.state.failures(mapping: "deals")
        #expect(failures.count == 1)
        let failure = try #require(failures.first)
        #expect(failure.prmID == bad.id && failure.state == .dead && failure.attempts == 3)
        #expect(failure.refusal.summary.contains(verbatim), "\(failure.refusal)")
        let rows = try world.state.journal(JournalQuery(mapping: "deals")).filter { $0.prmID == bad.id && $0.error != nil }
        #expect(rows.allSatisfy { $0.error?.contains(verbatim) == true },
                "every attempt journaled with Salesforce's words: \(rows.map(\.error))")
        // One outcome per attempt (a write may carry several journal entries).
        var byWrite: [Int64: JournalRow.Status] = [:]
        for row in rows { if let id = row.writeID { byWrite[id] = row.status } }
        #expect(byWrite.keys.sorted().map { byWrite[$0] } == [.failed, .failed, .dead], "\(byWrite)")
    }
}
