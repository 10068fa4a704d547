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

@Suite struct SortedBlocksTests {
    /// SplitMix64: small, seedable, good enough to drive a model test.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 7, 2024])
    func behavesLikeASortedArray(seed: UInt64) {
        print("SortedBlocksTests seed \(seed)")
        var random = Random(state: seed)
        var blocks = SortedBlocks<Int>()
        var model: [Int] = []
        for step in 0..<6000 {
            let value = random.next(3000)
            if random.next(4) == 0, !model.isEmpty {
                let victim = model[random.next(model.count)]
                let removed = blocks.remove(victim)
                #expect(removed, "step \(step)")
                model.remove(at: model.firstIndex(of: victim) ?? 0)
            } else {
                blocks.insert(value)
                model.insert(value, at: model.firstIndex { $0 > value } ?? model.count)
            }
            if step % 500 == 0 || step == 5999 {
                #expect(blocks.count == model.count)
                #expect(blocks.elements(from: blocks.startPosition, limit: .max) == model, "seed \(seed) step \(step)")
                let probe = random.next(3000)
                let lower = blocks.lowerBound(probe)
                #expect(blocks.rank(of: lower) == (model.firstIndex { $0 >= probe } ?? model.count))
                #expect(blocks.rank(of: blocks.upperBound(probe)) == (model.firstIndex { $0 > probe } ?? model.count))
                if !model.isEmpty {
                    let rank = random.next(model.count)
                    #expect(blocks[blocks.position(atRank: rank)] == model[rank])
                    #expect(blocks.contains(model[rank]))
                }
            }
        }
        // Walk backwards from the end.
        var backwards: [Int] = []
        var position = blocks.position(before: blocks.endPosition)
        while let current = position {
            backwards.append(blocks[current])
            position = blocks.position(before: current)
        }
        #expect(backwards == model.reversed())
        let removedMissing = blocks.remove(-1)
        #expect(!removedMissing)
    }
}

@Suite struct SandboxTimeTests {
    @Test func formatsLikeTheVendors() {
        #expect(SandboxTime.salesforce(ManualClock.defaultStart) == "2024-01-01T00:00:00.000+0000")
        #expect(SandboxTime.iso(1_709_164_800_123) == "2024-02-29T00:00:00.123Z")
        #expect(SandboxTime.iso(-1) == "1969-12-31T23:59:59.999Z")
        #expect(SandboxTime.date(951_782_400_000) == "2000-02-29")
    }

    @Test func parsesTheFormsAPIsSend() {
        let start = ManualClock.defaultStart
        #expect(SandboxTime.parse("2024-01-01") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00Z") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00.000+0000") == start)
        #expect(SandboxTime.parse("2024-01-01T01:00:00+01:00") == start)
        #expect(SandboxTime.parse("2023-12-31T19:00:00-0500") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00.123456789Z") == start + 123)
        #expect(SandboxTime.parse("2024-01-01 00:00") == start)
        for bad in ["", "2024-13-01", "2024-02-30", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00 00:00", "yesterday",
                    "2024-01-01T00:00:00.Z", "2024-1-1"] {
            #expect(SandboxTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func roundTripsAcrossCenturies() {
        var random = SortedBlocksTests.Random(state: 99)
        for _ in 0..<2000 {
            let ms = Int64(random.next(8_000_000_000_000)) - 2_000_000_000_000
            #expect(SandboxTime.parse(SandboxTime.iso(ms)) == ms)
            #expect(SandboxTime.parse(SandboxTime.salesforce(ms)) == ms)
        }
    }

    @Test func salesforceIDsCarryTheirChecksum() {
        let id = SalesforceID.make(keyPrefix: "006", sequence: 42)
        #expect(id.count == 18 && id.hasPrefix("006"))
        #expect(SalesforceID.isWellFormed(id))
        #expect(SalesforceID.isWellFormed(String(id.prefix(15))))
        #expect(!SalesforceID.isWellFormed(String(id.prefix(15)) + "ZZZ"), "a wrong suffix is refused")
        // The checksum Salesforce documents for a known id.
        #expect(SalesforceID.checksum("001D000000IRFma") == "IAH")
    }
}
