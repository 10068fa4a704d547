import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct JournalQueryTests {
    /// Two mappings, three links, rows spread over time.
    func seed(_ state: SyncState, _ clock: TestClock) throws {
        let links = [activeLink("L1", crm: "006A", prm: "D1"), activeLink("L2", crm: "006B", prm: nil),
                     activeLink("L3", mapping: "leads", crm: "00QC", prm: "X3")]
        try state.recordPlan(PlanBatch(links: links))
        clock.advance(1_000)
        let update = try state.recordPlan(PlanBatch(intents: [updateIntent(linkID: "L1", crmID: "006A", prmID: "D1")]))
        clock.advance(1_000)
        try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(update.tickets[0].writeID)]))
        clock.advance(1_000)
        let create = try state.recordPlan(PlanBatch(intents: [createIntent(linkID: "L2", crmID: "006B")]))
        clock.advance(1_000)
        try state.recordOutcomes(OutcomeBatch(outcomes: [OutcomeDraft(writeID: create.tickets[0].writeID, status: .dead,
                                                                      refusal: RemoteRefusal(message: "no"))]))
        clock.advance(1_000)
        try state.recordDecisions([
            DecisionDraft(JournalDraft(mapping: "leads", linkID: "L3", crmID: "00QC", prmID: "X3", operation: "link",
                                       rule: "link.matchKey"), status: .applied),
            // A row that only names the link: `--record 006A` still finds it through the link.
            DecisionDraft(JournalDraft(mapping: "deals", linkID: "L1", operation: "none", rule: "echo.suppressed"), status: .skipped),
        ])
    }

    @Test func recordMatchesCRMIdPRMIdOrLinkIdAndRowsOfItsLinks() throws {
        try withState { state, clock, _ in
            try seed(state, clock)
            let byCRM = try state.journal(JournalQuery(record: "006A"))
            #expect(byCRM.count == 5)
            #expect(byCRM.map(\.seq) == byCRM.map(\.seq).sorted())
            #expect(byCRM.last?.rule == "echo.suppressed")
            #expect(try state.journal(JournalQuery(record: "D1")).map(\.seq) == byCRM.map(\.seq))
            #expect(try state.journal(JournalQuery(record: "L1")).map(\.seq) == byCRM.map(\.seq))
            #expect(try state.journal(JournalQuery(record: "nope")).isEmpty)
        }
    }

    @Test func filtersCombine() throws {
        try withState { state, clock, _ in
            let start = clock.now
            try seed(state, clock)
            #expect(try state.journal(JournalQuery(mapping: "leads")).count == 1)
            #expect(try state.journal(JournalQuery(mapping: "deals", status: .dead)).map(\.crmID) == ["006B"])
            #expect(try state.journal(JournalQuery(record: "006A", operation: "update", status: .applied)).count == 2)
            #expect(try state.journal(JournalQuery(record: "006A", since: start + 2_000)).count == 3)
            #expect(try state.journal(JournalQuery(since: start + 1_000, until: start + 2_000)).count == 2)
            #expect(try state.journal(JournalQuery(mapping: "leads", record: "006A")).isEmpty)
            let newest = try state.journal(JournalQuery(limit: 2))
            let all = try state.journal(JournalQuery(limit: 100))
            #expect(newest.map(\.seq) == Array(all.map(\.seq).suffix(2)))
            let following = try state.journal(JournalQuery(afterSeq: all[1].seq, limit: 2, newest: false))
            #expect(following.map(\.seq) == [all[2].seq, all[3].seq])
            #expect(try state.lastJournalSeq() == all.last?.seq)
        }
    }

    @Test func injectedTextIsOnlyEverAValue() throws {
        try withState { state, clock, _ in
            try seed(state, clock)
            for attack in ["' OR 1=1 --", "\" OR \"\"=\"", "006A' OR '1'='1", "%", "*", "1; DROP TABLE journal"] {
                #expect(try state.journal(JournalQuery(record: attack)).isEmpty)
                #expect(try state.journal(JournalQuery(mapping: attack)).isEmpty)
                #expect(try state.journal(JournalQuery(operation: attack)).isEmpty)
                #expect(try state.links(matching: attack).isEmpty)
                #expect(try state.failures(matching: attack).isEmpty)
            }
            #expect(try state.journalCount() == 8)
        }
    }
}
