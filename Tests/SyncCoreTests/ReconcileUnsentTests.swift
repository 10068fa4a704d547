import Testing
@testable import SyncCore

/// A failed CRM → PRM update of `f` (and `g`) from `a` to `x`, due for a resend, merged
/// with what its pair reports this cycle (`UnsentWrite`). Its shadow was saved as planned,
/// so without the unsent base a PRM edit since then could not be told from the old value.
@Suite struct ReconcileUnsentTests {
    typealias F = ReconcileFixtures
    static let a = Value.string("a"), x = Value.string("x"), y = Value.string("y"), z = Value.string("z")

    /// `f` newest-wins, `g` CRM-wins, `h` untouched by the failed write.
    private func failedPair() throws -> LinkedPair {
        let mapping = F.mapping([F.field("f"), F.field("g", policy: .crm), F.field("h")])
        var pair = try LinkedPair(mapping, base: ["f": Self.a, "g": Self.a, "h": Self.a])
        let planned = pair.reconciler.compiled.values(["f": Self.x, "g": Self.x, "h": Self.a])
        pair.shadow = Shadow(crm: planned, prm: planned, crmModifiedAt: 2, prmModifiedAt: 1, prmAwaitsEcho: true)
        return pair
    }

    private let unsent = UnsentWrite(side: .prm, before: ["f": a, "g": a])

    private func run(_ pair: LinkedPair, crm: [String: Value]? = nil, prm: [String: Value]? = nil) throws -> Plan {
        try pair.reconciler.reconcile(ReconcileInput(
            link: pair.link, shadow: pair.shadow,
            crm: crm.map { .upserted(pair.record(.crm, $0, at: 3)) },
            prm: prm.map { .upserted(pair.record(.prm, $0, at: 3)) },
            newLinkID: "", now: 1_000, unsent: unsent))
    }

    @Test("a target that still holds the old values gets the failed write, and its own edit goes back")
    func neverLanded() throws {
        let pair = try failedPair()
        let plan = try run(pair, prm: ["f": Self.a, "g": Self.a, "h": Self.z])
        #expect(plan.written(to: .prm) == ["f": Self.x, "g": Self.x])
        #expect(plan.written(to: .crm) == ["h": Self.z])
        #expect(plan.shadow?.prm == pair.reconciler.compiled.values(["f": Self.x, "g": Self.x, "h": Self.z]))
    }

    @Test("a target edited since the failure is a conflict decided by each field's policy")
    func editedSince() throws {
        let pair = try failedPair()
        let plan = try run(pair, prm: ["f": Self.y, "g": Self.y])
        // f: newest — the PRM edit (time 3) is later than anything seen on the CRM; g: the CRM wins.
        #expect(plan.written(to: .crm) == ["f": Self.y])
        #expect(plan.written(to: .prm) == ["g": Self.x])
        let both = pair.reconciler.compiled.values(["f": Self.y, "g": Self.x, "h": Self.a])
        #expect(plan.shadow?.crm == both && plan.shadow?.prm == both)
    }

    @Test("a target that holds the write's values (it landed after all) needs nothing")
    func landedAfterAll() throws {
        let pair = try failedPair()
        let plan = try run(pair, prm: ["f": Self.x, "g": Self.x])
        #expect(plan.writes.isEmpty)
        #expect(plan.shadow?.prm == pair.shadow.prm && plan.shadow?.prmAwaitsEcho == false)
    }

    @Test("a source changed again sends its newest value, with the rest of the failed write")
    func sourceChangedAgain() throws {
        let pair = try failedPair()
        let plan = try run(pair, crm: ["f": Self.z])
        #expect(plan.written(to: .prm) == ["f": Self.z, "g": Self.x])
        #expect(plan.written(to: .crm) == nil)
    }

    @Test("without the unsent base the same target edit is taken for the only change (why it exists)")
    func withoutUnsentTheTargetEditWinsOutright() throws {
        let pair = try failedPair()
        let plan = try pair.reconciler.reconcile(ReconcileInput(
            link: pair.link, shadow: pair.shadow, crm: nil, prm: .upserted(pair.record(.prm, ["g": Self.y], at: 3)),
            newLinkID: "", now: 1_000))
        #expect(plan.written(to: .crm) == ["g": Self.y], "the CRM-wins policy never sees the CRM's change")
    }
}
