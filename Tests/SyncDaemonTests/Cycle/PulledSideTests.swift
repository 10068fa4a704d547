import Testing
import SyncCore
import SyncStore
@testable import SyncDaemon

/// `PulledSide.kept`: the records reconciling takes from memory instead of reading them
/// back from the index must be exactly the newest delivery of each record, and stay
/// within budget (counted by the size of their index entries).
@Suite("Cycle: pulled records kept in memory")
struct PulledSideTests {
    private func keep(_ id: String, at time: Int64, values: String = #"{"name":{"string":"x"}}"#,
                      in pulled: inout PulledSide) throws {
        let entry = RecordSnapshot(mapping: "deals", side: .prm, id: id, modifiedAt: time, values: values)
        pulled.keep(try entry.canonicalRecord(alignedTo: ["name"]), entry: entry)
    }

    @Test("a newer delivery replaces the kept entry; an older one or a delete does not leave a stale one")
    func keptEntryFollowsTheNewestDelivery() throws {
        var pulled = PulledSide(side: .prm, keptBudget: 1 << 20)
        let first = pulled.note(.indexed(modifiedAt: 10), id: "a")
        try keep("a", at: 10, in: &pulled)
        let newer = pulled.note(.indexed(modifiedAt: 20), id: "a")
        #expect(first && newer)
        #expect(pulled.kept["a"] == nil, "the entry of the older delivery was kept after a newer one")
        try keep("a", at: 20, in: &pulled)
        let older = pulled.note(.indexed(modifiedAt: 15), id: "a")
        #expect(!older)
        #expect(pulled.kept["a"]?.record.modifiedAt == 20)
        #expect(pulled.kept["a"]?.record.values["name"] == .string("x"))
        let deleted = pulled.note(.deleted(at: 30), id: "a")
        #expect(deleted)
        #expect(pulled.kept["a"] == nil, "a deleted record still had its upsert kept")
    }

    @Test("entries past the budget are not kept (they are read back from the records index)")
    func keptEntriesStayWithinTheBudget() throws {
        let budget = 1 << 20
        var pulled = PulledSide(side: .prm, keptBudget: budget)
        let values = "{\"name\":{\"string\":\"" + String(repeating: "v", count: 4_000) + "\"}}"
        let count = budget / 4_000 + 100
        for index in 0..<count {
            pulled.note(.indexed(modifiedAt: 1), id: "r\(index)")
            try keep("r\(index)", at: 1, values: values, in: &pulled)
        }
        let bytes = pulled.kept.values.reduce(0) { $0 + $1.size }
        #expect(pulled.kept.count < count)
        #expect(pulled.kept.count > count / 2)
        #expect(bytes <= budget)
        #expect(pulled.changes.count == count, "every record is still a change to reconcile")
    }
}
