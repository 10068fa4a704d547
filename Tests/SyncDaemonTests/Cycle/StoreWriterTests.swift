import Foundation
import Testing
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Store writes on a thread of their own (`StoreWriter`): the sender's outcomes land as if
/// committed in line, and a commit that fails stops its owner at the next check without
/// losing a write (the ones not committed stay pending).
@Suite("Cycle: store writes beside the cycle")
struct StoreWriterTests {
    @Test("a failed commit is thrown by the next check and drain; the commits after it are skipped, their writes stay pending")
    func failureStopsAndLosesNothing() throws {
        try withIntents(count: 2) { state, writeIDs in
            let recorder = StoreWriter(state: try state.sibling())
            defer { recorder.close() }
            // An outcome for a write that was never journaled: the store refuses the batch.
            Self.record(OutcomeBatch(outcomes: [.applied(999_999, remoteID: "X")]), on: recorder, from: state)
            Self.record(OutcomeBatch(outcomes: [.applied(writeIDs[0], remoteID: "D1")]), on: recorder, from: state)
            do {
                try recorder.drain()
                Issue.record("drain should throw the failed commit")
            } catch {
                #expect(String(describing: error).contains("record the outcomes of a prm batch"))
            }
            #expect(throws: CycleError.self) { try recorder.check() }
            #expect(try state.pendingIntentCount(mapping: "deals") == 2, "the skipped commit's write stays pending")
        }
    }

    @Test("outcomes recorded on the other connection settle their writes, copying the intents handed over")
    func outcomesSettleTheirWrites() throws {
        try withIntents(count: 3) { state, writeIDs in
            let recorder = StoreWriter(state: try state.sibling(), limit: 1)
            defer { recorder.close() }
            for (number, id) in writeIDs.enumerated() {
                Self.record(OutcomeBatch(outcomes: [.applied(id, remoteID: "D\(number)")]), on: recorder, from: state)
            }
            try recorder.drain()
            #expect(try state.pendingIntentCount(mapping: "deals") == 0)
            let outcomes = try state.journal(JournalQuery(limit: 20)).filter { $0.intentSeq != nil }
            #expect(outcomes.count == 3 && outcomes.allSatisfy { $0.status == .applied })
            #expect(Set(outcomes.compactMap(\.crmID)) == ["006A0", "006A1", "006A2"], "outcome rows copy their intents")
        }
    }

    @Test("a chunked cycle committing each write's outcome on its own (outcomeCommitWrites 1) settles every write",
          arguments: [true, false])
    func oneCommitPerWrite(overlap: Bool) throws {
        let world = try CycleWorld()
        var crm: [String] = []
        for number in 0..<7 {
            var opportunity = CycleDealsTests.acme
            opportunity["Name"] = .string("Opportunity \(number)")
            opportunity["Customer_Email__c"] = .string("buyer\(number)@acme.example")
            crm.append(try world.salesforce.seed("Opportunity", fields: opportunity).id)
        }
        world.wait()
        let settings = CycleSettings(outcomeCommitWrites: 1, planChunkRecords: 2, overlapSends: overlap)
        let first = try world.cycle("deals", settings: settings)
        #expect(first.prm.created == 7 && first.problems == 0 && first.cursorsAdvanced)
        #expect(try world.state.pendingIntentCount(mapping: "deals") == 0)
        world.wait()
        for (number, id) in crm.enumerated() {
            _ = try world.salesforce.edit("Opportunity", id: id, set: ["Amount": .number(Decimal(2_000 + number))])
        }
        world.wait()
        let edits = try world.cycle("deals", settings: settings)
        #expect(edits.prm.updated == 7 && edits.problems == 0 && edits.cursorsAdvanced)
        for (number, id) in crm.enumerated() {
            let deal = world.portal.records("Deal").first { $0.value(at: "crmId") == .string(id) }
            #expect(deal?.value(at: "amount") == .number(Decimal(2_000 + number)))
        }
        world.wait()
        let quiet = try world.cycle("deals", settings: settings)
        #expect(quiet.writes.isEmpty && quiet.problems == 0, "the shadows the outcomes saved say nothing is left to write")
    }

    @Test("pulls of many pages save their records beside the pull: edits arrive, complete scans see every record, nothing is left to write",
          arguments: [true, false])
    func manyPagePulls(overlap: Bool) throws {
        // Two deals per portal page: a pull of seven deals takes four pages.
        let world = try CycleWorld(edit: { text in
            text.replacingOccurrences(of: "dialect: \"impartner\",", with: "dialect: \"impartner\", options: { pageSize: 2 },")
        })
        var prm: [String] = []
        for number in 0..<7 {
            var deal = CycleDealsTests.globex
            deal["name"] = .string("Deal \(number)")
            deal["contact"] = .object(["email": .string("cto\(number)@globex.example")])
            prm.append(try world.portal.seed("Deal", fields: deal).id)
        }
        world.wait()
        // Nothing kept in memory: every pulled record is saved in the index and read back
        // from it (a record of an active link kept in memory leaves its row alone).
        let settings = CycleSettings(overlapSends: overlap, keptRecordBytes: 0)
        let first = try world.cycle("deals", settings: settings)
        #expect(first.prm.pages >= 4 && first.crm.created == 7 && first.problems == 0 && first.cursorsAdvanced)
        world.wait()
        for (number, id) in prm.enumerated() {
            _ = try world.portal.edit("Deal", id: id, set: ["notes": .string("edited \(number)")])
        }
        world.wait()
        let edits = try world.cycle("deals", settings: settings)
        #expect(edits.prm.pages >= 4 && edits.crm.updated == 7 && edits.problems == 0 && edits.cursorsAdvanced)
        for (number, id) in prm.enumerated() {
            let opportunity = world.salesforce.records("Opportunity").first { $0.value(at: "PRM_Deal_Id__c") == .string(id) }
            #expect(opportunity?.value(at: "Description") == .string("edited \(number)"))
            let indexed = try world.state.indexedRecord(mapping: "deals", side: .prm, id: id)
            #expect(indexed?.values.contains("edited \(number)") == true, "the records index holds the newest delivery")
        }
        world.wait()
        let scan = try world.cycle("deals", settings: CycleSettings(fullScan: true, overlapSends: overlap, keptRecordBytes: 0))
        #expect(scan.writes.isEmpty && scan.problems == 0, "a complete scan over the pages finds every record unchanged")
    }

    /// Hands a batch to the writer as the send loop does: with the intents' memos.
    private static func record(_ batch: OutcomeBatch, on writer: StoreWriter, from state: SyncState) {
        let memos = state.takeMemos(writeIDs: batch.outcomes.map(\.writeID))
        writer.submit("record the outcomes of a prm batch") { state in
            state.adopt(memos)
            try state.recordOutcomes(batch)
        }
    }

    /// A state database with `count` create intents journaled (writes pending).
    private func withIntents(count: Int, _ body: (SyncState, [Int64]) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outcome-recorder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = try SyncState.open(path: directory.appendingPathComponent(SyncState.fileName).path)
        defer { try? state.close() }
        let intents = (0..<count).map { number in
            IntentDraft(mapping: "deals", linkID: "L\(number)",
                        write: WriteDraft(side: .prm, operation: .create, externalID: "006A\(number)", payload: #"{"name":"x"}"#),
                        entries: [JournalDraft(mapping: "deals", crmID: "006A\(number)", direction: .toPRM,
                                               operation: "create", rule: "create")])
        }
        let links = (0..<count).map { LinkRecord(id: "L\($0)", mapping: "deals", crmID: "006A\($0)", prmID: nil, status: .active) }
        let receipt = try state.recordPlan(PlanBatch(intents: intents, links: links))
        try body(state, receipt.tickets.map(\.writeID))
    }
}
