import Foundation
import SyncCore
import Testing
@testable import SyncStore

@Suite struct CandidateTests {
    @Test func unlinkedRecordsAreFoundByIdExternalIdAndMatchKey() throws {
        try withState { state, _, _ in
            try state.saveRecords([
                RecordSnapshot(mapping: "deals", side: .prm, id: "P1", externalID: "C1", modifiedAt: 1, values: "{}",
                               matchKeys: ["email": "ann@example.com"]),
                RecordSnapshot(mapping: "deals", side: .prm, id: "P2", modifiedAt: 1, values: "{}",
                               matchKeys: ["email": "ann@example.com"]),
                RecordSnapshot(mapping: "deals", side: .prm, id: "P3", modifiedAt: 1, values: "{}", deleted: true,
                               matchKeys: ["email": "ann@example.com"]),
                RecordSnapshot(mapping: "leads", side: .prm, id: "P4", externalID: "C1", modifiedAt: 1, values: "{}"),
            ])
            #expect(try state.unlinkedRecord(mapping: "deals", side: .prm, id: "P1")?.externalID == "C1")
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, externalID: "C1").map(\.id) == ["P1"])
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: "ann@example.com").map(\.id)
                == ["P1", "P2"])
            // Linking P1 takes it out of the candidates.
            try state.recordPlan(PlanBatch(links: [activeLink("L1", crm: "C1", prm: "P1")]))
            #expect(try state.unlinkedRecord(mapping: "deals", side: .prm, id: "P1") == nil)
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: "ann@example.com").map(\.id)
                == ["P2"])
            // A record's keys are replaced when it is saved again.
            try state.saveRecords([RecordSnapshot(mapping: "deals", side: .prm, id: "P2", modifiedAt: 2, values: "{}",
                                                  matchKeys: ["email": "bob@example.com"])])
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: "ann@example.com").isEmpty)
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: "' OR 1=1 --").isEmpty)
        }
    }
}
