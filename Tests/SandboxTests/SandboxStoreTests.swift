import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SandboxStoreTests {
    func makeStore(deleteMode: ObjectDefinition.DeleteMode = .soft) -> (SandboxStore, ManualClock) {
        let clock = ManualClock()
        let store = SandboxStore(system: "test", clock: .manual(clock), objects: [
            ObjectDefinition(name: "Deal", idScheme: .numeric(start: 100), deleteMode: deleteMode,
                             uniqueFields: ["email"], requiredFields: ["name"], schema: nil),
        ])
        return (store, clock)
    }

    @Test func stampsAreStrictlyIncreasingAndDeterministic() throws {
        let (store, clock) = makeStore()
        let a = try store.seed("Deal", fields: ["name": .string("a")])
        let b = try store.seed("Deal", fields: ["name": .string("b")])
        let edited = try store.edit("Deal", id: a.id, set: ["name": .string("a2")])
        #expect([a.modifiedAt, b.modifiedAt, edited.modifiedAt] == [ManualClock.defaultStart, ManualClock.defaultStart + 1,
                                                                    ManualClock.defaultStart + 2])
        clock.advance(by: 60_000)
        let c = try store.seed("Deal", fields: ["name": .string("c")])
        #expect(c.modifiedAt == ManualClock.defaultStart + 60_000)
        #expect(store.records("Deal").map(\.id) == [b.id, a.id, c.id], "ordered by modification time")
        #expect(a.id == "100" && b.id == "101" && c.id == "102")
        #expect(store.lastStamp == c.modifiedAt)
    }

    /// The bench restores one checkpoint before each replay and each repeated run: what is
    /// written after a restore never reaches the checkpoint, and restoring again brings back
    /// the records, the unique index and the order exactly as checkpointed.
    @Test func restoringACheckpointTwiceUndoesTheWritesMadeAfterEachRestore() throws {
        let (store, _) = makeStore()
        let a = try store.seed("Deal", fields: ["name": .string("a"), "email": .string("a@x.io")])
        let b = try store.seed("Deal", fields: ["name": .string("b")])
        let checkpoint = store.checkpoint()
        for round in 0..<2 {
            _ = try store.edit("Deal", id: a.id, set: ["name": .string("edited \(round)"), "email": .string("z@x.io")])
            try store.delete("Deal", id: b.id)
            _ = try store.seed("Deal", fields: ["name": .string("new \(round)")])
            store.restore(checkpoint)
            #expect(store.records("Deal").map(\.id) == [a.id, b.id], "round \(round)")
            #expect(store.records("Deal").map { $0.fields["name"] } == [.string("a"), .string("b")], "round \(round)")
            #expect(store.record("Deal", uniqueField: "email", value: .string("a@x.io"))?.id == a.id)
            #expect(store.record("Deal", uniqueField: "email", value: .string("z@x.io")) == nil)
        }
    }

    @Test func uniqueFieldsIgnoreCaseAndFreeUpOnDelete() throws {
        let (store, _) = makeStore()
        let first = try store.seed("Deal", fields: ["name": .string("a"), "email": .string("A@x.io")])
        #expect(throws: SandboxError.uniqueViolation(object: "Deal", field: "email", existingID: first.id)) {
            try store.seed("Deal", fields: ["name": .string("b"), "email": .string(" a@X.IO ")])
        }
        #expect(store.record("Deal", uniqueField: "email", value: .string("a@x.io"))?.id == first.id)
        try store.delete("Deal", id: first.id)
        #expect(store.record("Deal", uniqueField: "email", value: .string("a@x.io")) == nil)
        #expect(throws: Never.self) { try store.seed("Deal", fields: ["name": .string("c"), "email": .string("a@x.io")]) }
    }

    @Test func softAndHardDeletes() throws {
        let (soft, _) = makeStore()
        let record = try soft.seed("Deal", fields: ["name": .string("a")])
        let deleted = try soft.delete("Deal", id: record.id)
        #expect(deleted.deletedAt == deleted.modifiedAt)
        #expect(deleted.modifiedAt > record.modifiedAt)
        #expect(soft.count("Deal") == 0 && soft.count("Deal", includeDeleted: true) == 1)
        #expect(throws: SandboxError.recordNotFound(object: "Deal", id: record.id)) {
            try soft.edit("Deal", id: record.id, set: ["name": .string("b")])
        }
        let (hard, _) = makeStore(deleteMode: .hard)
        let gone = try hard.seed("Deal", fields: ["name": .string("a")])
        try hard.delete("Deal", id: gone.id)
        #expect(hard.record("Deal", id: gone.id) == nil)
        #expect(hard.count("Deal", includeDeleted: true) == 0)
    }

    @Test func purgeRemovesOldDeletionsAndMovesTheLogStart() throws {
        let (store, clock) = makeStore()
        let old = try store.seed("Deal", fields: ["name": .string("old")])
        try store.delete("Deal", id: old.id)
        clock.advance(by: 10_000)
        let recent = try store.seed("Deal", fields: ["name": .string("recent")])
        try store.delete("Deal", id: recent.id)
        try store.purgeDeleteLog("Deal", before: ManualClock.defaultStart + 5_000)
        #expect(store.record("Deal", id: old.id) == nil)
        #expect(store.record("Deal", id: recent.id)?.isDeleted == true)
        #expect(store.deleteLogStart("Deal") == ManualClock.defaultStart + 5_000)
    }

    @Test func seedsWithExplicitIDsAndStampsKeepOrder() throws {
        let (store, _) = makeStore()
        let late = try store.seed("Deal", fields: ["name": .string("x")], id: "101", modifiedAt: 5_000)
        let generated = try store.seed("Deal", fields: ["name": .string("y")])
        #expect(generated.id != late.id)
        #expect(throws: SandboxError.duplicateID(object: "Deal", id: "101")) {
            try store.seed("Deal", fields: ["name": .string("z")], id: "101")
        }
        #expect(store.records("Deal").first?.id == "101", "an explicit old stamp sorts first")
        #expect(throws: SandboxError.unknownObject(system: "test", object: "Nope")) { try store.seed("Nope", fields: [:]) }
    }

    @Test func countersAndFaultPatterns() {
        var plan = FaultPlan()
        plan.add(.dropConnection, route: "hubspot.batch.*", times: 2)
        plan.add(.malformedJSON, route: "*", times: 1)
        #expect(plan.take(route: "hubspot.search") == .malformedJSON)
        #expect(plan.take(route: "hubspot.search") == nil)
        #expect(plan.take(route: "hubspot.batch.update") == .dropConnection)
        #expect(plan.take(route: "hubspot.batch.create") == .dropConnection)
        #expect(plan.take(route: "hubspot.batch.create") == nil)
        #expect(BatchFailureSelector.everyKth(3).selects(key: nil, position: 2))
        #expect(!BatchFailureSelector.everyKth(3).selects(key: nil, position: 3))
        #expect(BatchFailureSelector.keys(["a"]).selects(key: "a", position: 0))
        #expect(!BatchFailureSelector.keys(["a"]).selects(key: nil, position: 0))
    }
}
