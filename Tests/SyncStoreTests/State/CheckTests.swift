import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct CheckTests {
    @Test func aHealthyStateIsSoundAndAMissingTriggerIsReported() throws {
        try withState { state, _, _ in
            let plan = try state.recordPlan(PlanBatch(intents: [createIntent(linkID: "L1", crmID: "A")],
                                                      links: [activeLink("L1", crm: "A", prm: nil)]))
            var report = try state.check()
            #expect(report.isSound)
            #expect(report.journalRows == 1 && report.pendingIntents == 1)
            #expect(report.schemaVersion == StateSchema.version)

            try state.database.executeScript("DROP TRIGGER journal_no_update")
            // With the guard gone, "outcomes" slipped in by hand are caught by the invariants:
            // one for an intent that does not exist, one behind the write's back.
            for intentSeq in [99_999, plan.tickets[0].seqs[0]] {
                try state.database.execute("""
                    INSERT INTO journal (at, mapping, direction, operation, status, write_id, intent_seq)
                    VALUES (1, 'deals', 'toPRM', 'create', 'applied', ?, ?)
                    """, [.integer(plan.tickets[0].writeID), .integer(intentSeq)])
            }
            report = try state.check()
            #expect(!report.isSound)
            #expect(report.invariants.contains { $0.contains("journal_no_update") })
            #expect(report.invariants.contains { $0.contains("outcome rows whose intent row is missing") })
            #expect(report.invariants.contains { $0.contains("pending writes that already have outcome rows") })
        }
    }
}
