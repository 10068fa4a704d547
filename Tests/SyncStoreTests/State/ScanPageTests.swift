import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The records index and the page reads of a complete scan.
@Suite struct ScanPageTests {
    private func seenAt(_ state: SyncState, _ id: String) throws -> Int64? {
        try state.database.first("SELECT seen_at FROM records WHERE mapping = 'deals' AND side = 'prm' AND id = ?",
                                  [.text(id)]) { try $0.int64(0) }
    }

    @Test func unchangedRecordsAreNotWrittenAgainButAnyChangeIs() throws {
        try withState { state, clock, _ in
            let p1 = RecordSnapshot(mapping: "deals", side: .prm, id: "P1", externalID: "C1", modifiedAt: 1,
                                    values: #"{"name":"Acme"}"#, matchKeys: ["email": "ann@example.com"])
            let p2 = RecordSnapshot(mapping: "deals", side: .prm, id: "P2", modifiedAt: 1, values: "{}")
            try state.saveRecords([p1, p2])
            let first = try #require(try seenAt(state, "P1"))
            clock.advance(1_000)
            try state.saveRecords([p1, p2])
            #expect(try seenAt(state, "P1") == first, "an unchanged record is not rewritten")

            // Each kind of change is written: values, time, external id, match keys, deleted.
            var changes: [RecordSnapshot] = []
            var edited = p1
            edited.values = #"{"name":"Acme Corp"}"#
            changes.append(edited)
            edited = p1
            edited.modifiedAt = 2
            changes.append(edited)
            edited = p1
            edited.externalID = "C9"
            changes.append(edited)
            edited = p1
            edited.matchKeys = ["email": "bob@example.com"]
            changes.append(edited)
            for change in changes {
                clock.advance(1_000)
                try state.saveRecords([change])
                #expect(try seenAt(state, "P1") == clock.now)
                #expect(try state.indexedRecord(mapping: "deals", side: .prm, id: "P1")?.values == change.values)
                try state.saveRecords([p1])
            }
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: "ann@example.com")
                .map(\.id) == ["P1"], "the keys came back with the record")
            clock.advance(1_000)
            try state.saveRecords([RecordSnapshot(mapping: "deals", side: .prm, id: "P2", modifiedAt: 1, values: "{}",
                                                  deleted: true)])
            #expect(try state.indexedRecord(mapping: "deals", side: .prm, id: "P2")?.deleted == true)
        }
    }

    @Test func aChangedRecordIsFoundByWhatItHoldsNowAndNotByWhatItHeld() throws {
        try withState { state, _, _ in
            func byExternalID(_ id: String) throws -> [String] {
                try state.unlinkedRecords(mapping: "deals", side: .prm, externalID: id).map(\.id)
            }
            func byEmail(_ email: String) throws -> [String] {
                try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "email", value: email).map(\.id)
            }
            var record = RecordSnapshot(mapping: "deals", side: .prm, id: "P1", externalID: "C1", modifiedAt: 1,
                                        values: #"{"name":"Acme"}"#, matchKeys: ["email": "ann@example.com"])
            try state.saveRecords([record])
            // Values only: external id and keys stay as they were.
            record.values = #"{"name":"Acme Corp"}"#
            record.modifiedAt = 2
            try state.saveRecords([record])
            #expect(try byExternalID("C1") == ["P1"])
            #expect(try byEmail("ann@example.com") == ["P1"])
            #expect(try state.unlinkedRecord(mapping: "deals", side: .prm, id: "P1")?.values == record.values)
            // A new external id and a new key replace the old ones.
            record.externalID = "C2"
            record.matchKeys = ["email": "bob@example.com"]
            try state.saveRecords([record])
            #expect(try byExternalID("C1").isEmpty)
            #expect(try byExternalID("C2") == ["P1"])
            #expect(try byEmail("ann@example.com").isEmpty)
            #expect(try byEmail("bob@example.com") == ["P1"])
            // A key added beside an unchanged one, then the external id dropped.
            record.matchKeys["name"] = "acme corp"
            record.externalID = nil
            try state.saveRecords([record])
            #expect(try byExternalID("C2").isEmpty)
            #expect(try byEmail("bob@example.com") == ["P1"])
            #expect(try state.unlinkedRecords(mapping: "deals", side: .prm, matchKey: "name", value: "acme corp").map(\.id)
                == ["P1"])
            // Deleted: no longer a candidate by any key.
            record.deleted = true
            try state.saveRecords([record])
            #expect(try byEmail("bob@example.com").isEmpty)
            #expect(try state.database.scalar("SELECT count(*) FROM record_keys", as: Int.self) == 0)
        }
    }

    @Test func theLastOfARecordDeliveredTwiceInOneSaveWins() throws {
        try withState { state, _, _ in
            let old = RecordSnapshot(mapping: "deals", side: .prm, id: "P1", modifiedAt: 1, values: #"{"v":1}"#)
            var new = old
            new.modifiedAt = 2
            new.values = #"{"v":2}"#
            try state.saveRecords([old])
            // The stored row equals the last one given: nothing may be written.
            try state.saveRecords([new, old])
            #expect(try state.indexedRecord(mapping: "deals", side: .prm, id: "P1")?.values == old.values)
            try state.saveRecords([old, new])
            #expect(try state.indexedRecord(mapping: "deals", side: .prm, id: "P1")?.values == new.values)
        }
    }

    /// A save larger than one slice (`SyncState.recordsSlice`) stores every record once, and
    /// a record delivered in two slices ends as its last delivery, match keys included.
    @Test func aSaveSpanningSlicesKeepsEveryRecordAndTheLastDelivery() throws {
        try withState { state, _, _ in
            let count = SyncState.recordsSlice * 2 + 50
            var records = (0..<count).map { index in
                RecordSnapshot(mapping: "deals", side: .prm, id: "P\(index)", modifiedAt: 1, values: #"{"v":0}"#,
                               matchKeys: ["email": "p\(index)@example.com"])
            }
            records.append(RecordSnapshot(mapping: "deals", side: .prm, id: "P0", modifiedAt: 2, values: #"{"v":2}"#,
                                          matchKeys: ["email": "new@example.com"]))
            try state.saveRecords(records)
            #expect(try state.database.scalar("SELECT count(*) FROM records", as: Int.self) == count)
            #expect(try state.indexedRecord(mapping: "deals", side: .prm, id: "P0")?.values == #"{"v":2}"#)
            let keys = try state.database.query("SELECT value FROM record_keys WHERE record_id = 'P0'") { try $0.text(0) }
            #expect(keys == ["new@example.com"])
            #expect(try state.database.scalar("SELECT count(*) FROM record_keys", as: Int.self) == count)
        }
    }

    @Test func activePairShadowsReadsOnlyActiveLinksWithShadows() throws {
        try withState { state, _, _ in
            var flagged = activeLink("L2", crm: "C2", prm: "P2")
            flagged.status = .flagged
            try state.recordPlan(PlanBatch(
                links: [activeLink("L1", crm: "C1", prm: "P1"), flagged, activeLink("L3", crm: "C3", prm: "P3"),
                        activeLink("L4", mapping: "leads", crm: "C4", prm: "P4")],
                shadows: [
                    ShadowRecord(linkID: "L1", crmValues: "{}", prmValues: #"{"a":1}"#, crmModifiedAt: 5, prmModifiedAt: 7),
                    ShadowRecord(linkID: "L2", crmValues: "{}", prmValues: "{}", crmModifiedAt: 5, prmModifiedAt: 7),
                    ShadowRecord(linkID: "L4", crmValues: "{}", prmValues: "{}", crmModifiedAt: 5, prmModifiedAt: 7),
                ]))
            let found = try state.activePairShadows(mapping: "deals", side: .prm,
                                                    recordIDs: ["P1", "P2", "P3", "P4", "P9", "quote\"d"])
            #expect(found == ["P1": ActivePairShadow(recordID: "P1", linkID: "L1", values: #"{"a":1}"#, modifiedAt: 7)])
            #expect(try state.activePairShadows(mapping: "deals", side: .crm, recordIDs: ["C1"])["C1"]?.values == "{}")
            #expect(try state.activePairShadows(mapping: "deals", side: .crm, recordIDs: []).isEmpty)
        }
    }
}
