import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct ConflictTests {
    func openFieldConflict(_ state: SyncState, link: String = "L1", field: String = "amount") throws -> Int64 {
        let receipt = try state.recordPlan(PlanBatch(
            links: [activeLink(link, crm: "C-\(link)", prm: "P-\(link)")],
            openedConflicts: [ConflictDraft(mapping: "deals", linkID: link, crmID: "C-\(link)", prmID: "P-\(link)", kind: .field,
                                            field: field, base: #"{"number":"1"}"#, crmValue: #"{"number":"2"}"#,
                                            prmValue: #"{"number":"3"}"#)]))
        return receipt.conflictIDs[0]
    }

    @Test func reopeningALiveConflictRefreshesItInsteadOfDuplicating() throws {
        try withState { state, _, _ in
            let id = try openFieldConflict(state)
            let again = try state.recordPlan(PlanBatch(openedConflicts: [
                ConflictDraft(mapping: "deals", linkID: "L1", kind: .field, field: "amount", crmValue: #"{"number":"5"}"#,
                              prmValue: #"{"number":"3"}"#)]))
            #expect(again.conflictIDs == [id])
            let open = try state.conflicts()
            #expect(open.count == 1 && open[0].crmValue == #"{"number":"5"}"#)
        }
    }

    @Test func resolveRecordsTheDecisionJournalsItAndTheNextPlanClosesIt() throws {
        try withState { state, _, _ in
            let id = try openFieldConflict(state)
            let seq = try state.resolveConflict(id: id, resolution: .take(.prm), by: "alice")
            let resolved = try #require(try state.conflict(id: id))
            #expect(resolved.state == .resolved && resolved.resolvedBy == "alice")
            #expect(resolved.resolvedValue == #"{"number":"3"}"#)
            #expect(try state.resolvedConflicts(mapping: "deals").map(\.id) == [id])
            let row = try #require(try state.journal(JournalQuery(operation: "resolve")).first)
            #expect(row.seq == seq && row.linkID == "L1" && row.crmID == "C-L1" && row.status == .applied)
            #expect(row.changes == #"[{"after":{"number":"3"},"before":{"number":"1"},"field":"amount"}]"#)
            #expect(throws: StateError.conflictNotOpen(id: id, state: "resolved")) {
                try state.resolveConflict(id: id, resolution: .take(.crm), by: "bob")
            }
            try state.recordPlan(PlanBatch(closedConflicts: [ConflictKey(linkID: "L1", field: "amount")]))
            #expect(try state.conflict(id: id)?.state == .closed)
            #expect(try state.conflicts().isEmpty)
            // Closed: the same field may conflict again, as a new conflict.
            #expect(try openFieldConflict(state) != id)
        }
    }

    @Test func resolutionsThatDoNotFitAreRefusedWithAReason() throws {
        try withState { state, _, _ in
            #expect(throws: StateError.conflictNotFound(id: 77)) { try state.resolveConflict(id: 77, resolution: .take(.crm), by: "x") }
            let receipt = try state.recordPlan(PlanBatch(openedConflicts: [
                ConflictDraft(mapping: "deals", linkID: "R1", kind: .ambiguousLink, candidates: ["P1", "P2"]),
                ConflictDraft(mapping: "deals", linkID: "R2", kind: .deleteVsEdit, deletedSide: .crm),
                ConflictDraft(mapping: "deals", linkID: "R3", kind: .field, field: "stage", crmValue: #"{"string":"a"}"#),
            ]))
            let (ambiguous, deleted, field) = (receipt.conflictIDs[0], receipt.conflictIDs[1], receipt.conflictIDs[2])
            #expect(throws: StateError.self) { try state.resolveConflict(id: ambiguous, resolution: .take(.crm), by: "x") }
            #expect(throws: StateError.self) { try state.resolveConflict(id: ambiguous, resolution: .value(#""P9""#), by: "x") }
            try state.resolveConflict(id: ambiguous, resolution: .value(#""P2""#), by: "x")
            #expect(throws: StateError.self) { try state.resolveConflict(id: deleted, resolution: .value("null"), by: "x") }
            try state.resolveConflict(id: deleted, resolution: .take(.crm), by: "x")
            #expect(throws: StateError.resolutionNotApplicable(id: field, reason: "the PRM side has no value to take")) {
                try state.resolveConflict(id: field, resolution: .take(.prm), by: "x")
            }
            try state.resolveConflict(id: field, resolution: .value(#"{"string":"b"}"#), by: "x")
            #expect(try state.conflicts(states: [.resolved]).count == 3)
        }
    }

    @Test func anActiveLinkSupersedesReviewLinksAndClosesItsAmbiguity() throws {
        try withState { state, _, _ in
            try state.recordPlan(PlanBatch(
                links: [LinkRecord(id: "R1", mapping: "deals", crmID: "C1", prmID: nil, status: .review)],
                openedConflicts: [ConflictDraft(mapping: "deals", linkID: "L9", kind: .ambiguousLink, candidates: ["P1", "P2"])]))
            try state.recordPlan(PlanBatch(links: [activeLink("L9", crm: "C1", prm: "P1")]))
            #expect(try state.link(id: "R1")?.status == .unlinked)
            #expect(try state.conflicts().isEmpty)
            #expect(try state.liveLink(mapping: "deals", side: .crm, recordID: "C1")?.id == "L9")
            // A second live link for the same record is refused by the schema.
            #expect(throws: StoreError.self) { try state.recordPlan(PlanBatch(links: [activeLink("L10", crm: "C1", prm: "P7")])) }
        }
    }
}
