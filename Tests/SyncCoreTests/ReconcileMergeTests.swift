import Foundation
import Testing
@testable import SyncCore

/// The per-field three-way merge, one table row per rule. Every row starts from
/// a pair whose last sync left both sides at `base`.
@Suite struct ReconcileMergeTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let label: String
        let field: FieldMapping
        var base: Value = .string("a")
        /// The CRM record's new value (nil: no CRM change this cycle).
        var crm: Value?
        var prm: Value?
        var crmAt: Int64 = 2
        var prmAt: Int64 = 2
        /// Expected values written (nil: nothing written to that side).
        var toCRM: Value?
        var toPRM: Value?
        let rule: Rule
        /// What each side holds once the plan is applied (the new shadow).
        var held: (crm: Value, prm: Value)? = nil
        var opensConflict = false

        var testDescription: String { label }
    }

    typealias F = ReconcileFixtures
    static let x = Value.string("x"), y = Value.string("y"), a = Value.string("a"), empty = Value.string("")

    static let rows: [Row] = [
        // propagate
        Row(label: "propagate.crm: only the CRM changed", field: F.field("f"), crm: x, toPRM: x, rule: .propagateCRM),
        Row(label: "propagate.prm: only the PRM changed", field: F.field("f"), prm: y, toCRM: y, rule: .propagatePRM),
        Row(label: "propagate.crm: the PRM reported the same record unchanged", field: F.field("f"), crm: x, prm: a,
            toPRM: x, rule: .propagateCRM),
        // converged
        Row(label: "converged: both changed to the same value", field: F.field("f", policy: .manual), crm: x, prm: x,
            rule: .converged, held: (x, x)),
        // policies
        Row(label: "policy.crm: both changed, CRM wins", field: F.field("f", policy: .crm), crm: x, prm: y,
            toPRM: x, rule: .policyCRM),
        Row(label: "policy.prm: both changed, PRM wins", field: F.field("f", policy: .prm), crm: x, prm: y,
            toCRM: y, rule: .policyPRM),
        Row(label: "policy.newest: the later PRM edit wins", field: F.field("f", policy: .newest), crm: x, prm: y,
            crmAt: 5, prmAt: 9, toCRM: y, rule: .policyNewest),
        Row(label: "policy.newest: the later CRM edit wins", field: F.field("f", policy: .newest), crm: x, prm: y,
            crmAt: 9, prmAt: 5, toPRM: x, rule: .policyNewest),
        Row(label: "policy.newest: equal times go to the CRM", field: F.field("f", policy: .newest), crm: x, prm: y,
            crmAt: 7, prmAt: 7, toPRM: x, rule: .policyNewest),
        Row(label: "conflict.manual: nothing written, conflict opened", field: F.field("f", policy: .manual), crm: x, prm: y,
            rule: .conflictManual, held: (x, y), opensConflict: true),
        // direction
        Row(label: "propagate.crm: a toPRM field edited on the CRM", field: F.field("f", .toPRM), crm: x, toPRM: x,
            rule: .propagateCRM),
        Row(label: "direction.blocked: a toPRM field edited on the PRM gets the CRM value back", field: F.field("f", .toPRM),
            prm: y, toPRM: a, rule: .directionBlocked, held: (a, a)),
        Row(label: "direction.blocked: a toCRM field edited on the CRM gets the PRM value back", field: F.field("f", .toCRM),
            crm: x, toCRM: a, rule: .directionBlocked, held: (a, a)),
        Row(label: "direction.blocked: both edited a toPRM field, the owner wins whatever the policy",
            field: F.field("f", .toPRM, policy: .prm), crm: x, prm: y, crmAt: 1, prmAt: 9, toPRM: x, rule: .directionBlocked),
        Row(label: "direction.blocked: the owner's value is re-asserted before preferNonEmpty is asked",
            field: F.field("f", .toCRM, preferNonEmpty: true), crm: empty, toCRM: a, rule: .directionBlocked),
        // preferNonEmpty
        Row(label: "preferNonEmpty: a cleared two-way field is refilled from the other side",
            field: F.field("f", preferNonEmpty: true), crm: empty, toCRM: a, rule: .preferNonEmpty, held: (a, a)),
        Row(label: "preferNonEmpty: null counts as empty", field: F.field("f", preferNonEmpty: true), prm: .null,
            toPRM: a, rule: .preferNonEmpty, held: (a, a)),
        Row(label: "preferNonEmpty: both changed, the non-empty value wins over the policy",
            field: F.field("f", policy: .crm, preferNonEmpty: true), crm: empty, prm: y, toCRM: y, rule: .preferNonEmpty),
        Row(label: "preferNonEmpty: decides before manual, so no conflict",
            field: F.field("f", policy: .manual, preferNonEmpty: true), crm: x, prm: .null, toPRM: x, rule: .preferNonEmpty),
        Row(label: "preferNonEmpty: a one-way owner's clear does not empty the other side",
            field: F.field("f", .toPRM, preferNonEmpty: true), crm: empty, rule: .preferNonEmpty, held: (empty, a)),
        Row(label: "propagate.crm: without preferNonEmpty a clear propagates", field: F.field("f"), crm: empty,
            toPRM: empty, rule: .propagateCRM),
        Row(label: "propagate.crm: preferNonEmpty lets a value fill an empty side", field: F.field("f", preferNonEmpty: true),
            base: .null, crm: x, toPRM: x, rule: .propagateCRM),
        // createOnly
        Row(label: "createOnly: a CRM edit after create is not propagated", field: F.field("f", .createOnly), crm: x,
            rule: .createOnly, held: (x, a)),
        Row(label: "createOnly: a PRM edit after create is not propagated", field: F.field("f", .createOnly), prm: y,
            rule: .createOnly, held: (a, y)),
        // typed values
        Row(label: "propagate.prm: decimals compare by value", field: F.field("amount", type: .decimal),
            base: .number(10), prm: .number(12.5), toCRM: .number(12.5), rule: .propagatePRM),
        Row(label: "converged: equal decimals written differently are equal", field: F.field("amount", type: .decimal),
            base: .number(10), crm: .number(Decimal(string: "12.50")!), prm: .number(12.5), rule: .converged),
    ]

    @Test(arguments: rows)
    func fieldRule(_ row: Row) throws {
        let name = row.field.name
        let pair = try LinkedPair(F.mapping([row.field]), base: [name: row.base])
        let plan = try pair.run(crm: row.crm.map { [name: $0] }, crmAt: row.crmAt,
                                prm: row.prm.map { [name: $0] }, prmAt: row.prmAt)

        #expect(plan.written(to: .crm) == row.toCRM.map { [name: $0] })
        #expect(plan.written(to: .prm) == row.toPRM.map { [name: $0] })
        #expect(plan.rules == [row.rule])
        #expect(plan.conflicts.count == (row.opensConflict ? 1 : 0))
        if row.opensConflict {
            #expect(plan.conflicts.first == Conflict(kind: .field, linkId: "L1", field: name, base: row.base,
                                                      crm: row.crm, prm: row.prm))
            #expect(plan.shadow?.conflicts == [name])
            #expect(plan.journal.first?.conflict == 0)
        }
        let shadow = try #require(plan.shadow)
        if let held = row.held {
            #expect(shadow.crm[name] == held.crm)
            #expect(shadow.prm[name] == held.prm)
        } else {
            // A write makes both sides hold the written value.
            let agreed = row.toCRM ?? row.toPRM ?? row.crm ?? row.prm
            #expect(shadow.crm[name] == agreed)
            #expect(shadow.prm[name] == agreed)
        }
        // Each journal entry that needs a write points at it.
        for entry in plan.journal where entry.operation == .update {
            let write = try #require(entry.write)
            #expect(plan.writes[write].side == (entry.direction == .toCRM ? .crm : .prm))
        }
    }

    @Test func echoSuppressedOwnWriteReadBackWritesNothing() throws {
        let pair = try LinkedPair(F.mapping([F.field("f"), F.field("g")]), base: ["f": Self.x, "g": Self.y])
        // Our last write comes back with a new modification time and the values we sent.
        let plan = try pair.run(prm: [:], prmAt: 5)
        #expect(plan.writes.isEmpty)
        #expect(plan.rules == [.echoSuppressed])
        #expect(plan.shadow?.prmModifiedAt == 5)
        #expect(plan.shadow?.crm == pair.shadow.crm)
    }

    @Test func echoSuppressedOnlyTheChangedFieldIsSent() throws {
        let pair = try LinkedPair(F.mapping([F.field("f"), F.field("g"), F.field("h")]),
                                  base: ["f": Self.a, "g": Self.a, "h": Self.a])
        let plan = try pair.run(crm: ["g": Self.x])
        #expect(plan.written(to: .prm) == ["g": Self.x])
        #expect(plan.written(to: .crm) == nil)
    }

    @Test func idempotenceNoChangePlansNothing() throws {
        let pair = try LinkedPair(F.mapping([F.field("f")]), base: ["f": Self.a])
        #expect(try pair.run().isEmpty)
        // A re-read of the same records (same modification time) is no change either.
        #expect(try pair.run(crm: [:], crmAt: 1, prm: [:], prmAt: 1).isEmpty)
    }

    @Test func staleReReadIsIgnored() throws {
        var pair = try LinkedPair(F.mapping([F.field("f")]), base: ["f": Self.a])
        pair.shadow.crmModifiedAt = 10
        let plan = try pair.run(crm: ["f": Self.x], crmAt: 9)
        #expect(plan.isEmpty)
    }

    @Test func staleSnapshotTakenBeforeOurWriteIsIgnored() throws {
        var pair = try LinkedPair(F.mapping([F.field("f")]), base: ["f": Self.a])
        // Cycle: the CRM changed f; we write it to the PRM.
        let first = try pair.run(crm: ["f": Self.x], crmAt: 5)
        pair.shadow = try #require(first.shadow)
        #expect(pair.shadow.prmAwaitsEcho && !pair.shadow.crmAwaitsEcho)
        // The PRM record as pulled before that write (same time as last seen, old value): not a change.
        #expect(try pair.run(prm: ["f": Self.a], prmAt: 1).isEmpty)
        // Our write read back (later time): an echo; it clears the pending flag.
        let echo = try pair.run(prm: ["f": Self.x], prmAt: 6)
        #expect(echo.rules == [.echoSuppressed])
        #expect(echo.shadow?.prmAwaitsEcho == false)
    }

    @Test func sameTimeEditWithoutPendingWriteIsNotLost() throws {
        // Coarse remote clocks: a second edit in the same tick as the last seen version.
        let pair = try LinkedPair(F.mapping([F.field("f")]), base: ["f": Self.a])
        let plan = try pair.run(crm: ["f": Self.x], crmAt: 1)
        #expect(plan.written(to: .prm) == ["f": Self.x])
    }

    @Test func groupedJournalOneEntryPerRuleAndDirection() throws {
        let mapping = F.mapping([F.field("f"), F.field("g"), F.field("h", policy: .prm), F.field("k")])
        let pair = try LinkedPair(mapping, base: ["f": Self.a, "g": Self.a, "h": Self.a, "k": Self.a])
        let plan = try pair.run(crm: ["f": Self.x, "g": Self.x, "h": Self.x], prm: ["h": Self.y, "k": Self.y])
        #expect(plan.written(to: .prm) == ["f": Self.x, "g": Self.x])
        #expect(plan.written(to: .crm) == ["h": Self.y, "k": Self.y])
        #expect(plan.rules == [.propagateCRM, .policyPRM, .propagatePRM])
        #expect(plan.journal[0].changes.map(\.field) == ["f", "g"])
        #expect(plan.journal[0].changes[0] == FieldChange(field: "f", before: Self.a, after: Self.x))
        #expect(plan.journal.map(\.direction) == [.toPRM, .toCRM, .toCRM])
        #expect(plan.journal.allSatisfy { $0.linkId == "L1" && $0.crmId == "C1" && $0.prmId == "P1" && $0.at == 1_000 })
        let crmWrite = try #require(plan.writes.firstIndex { $0.side == .crm })
        #expect(plan.journal[1].write == crmWrite && plan.journal[2].write == crmWrite)
        #expect(plan.writes[crmWrite] == PlannedWrite(side: .crm, operation: .update, recordId: "C1", linkId: "L1",
                                                      fields: ["h": Self.y, "k": Self.y], externalId: "P1"))
    }

    @Test func conflictManualStaysOpenUntilTheSidesAgree() throws {
        var pair = try LinkedPair(F.mapping([F.field("f", policy: .manual)]), base: ["f": Self.a])
        let opened = try pair.run(crm: ["f": Self.x], prm: ["f": Self.y])
        pair.shadow = try #require(opened.shadow)
        // A later cycle re-reading the same values says nothing more.
        #expect(try pair.run(crm: [:], crmAt: 2, prm: [:], prmAt: 2).isEmpty)
        // A further CRM edit is not propagated while the conflict is open.
        let edited = try pair.run(crm: ["f": .string("z")], crmAt: 3)
        #expect(edited.writes.isEmpty)
        #expect(edited.conflicts.isEmpty)
        pair.shadow = try #require(edited.shadow)
        // Someone makes the PRM match: the conflict closes, nothing is written.
        let agreed = try pair.run(prm: ["f": .string("z")], prmAt: 4)
        #expect(agreed.writes.isEmpty)
        #expect(agreed.closedConflicts == ["f"])
        #expect(agreed.shadow?.conflicts == [])
        #expect(agreed.rules == [.converged])
    }

    @Test func conflictResolvedWritesOpsValueWhereMissing() throws {
        var pair = try LinkedPair(F.mapping([F.field("f", policy: .manual)]), base: ["f": Self.a])
        pair.shadow = try #require(try pair.run(crm: ["f": Self.x], prm: ["f": Self.y]).shadow)
        let plan = try pair.run(resolutions: ["f": Self.x])
        #expect(plan.written(to: .prm) == ["f": Self.x])
        #expect(plan.written(to: .crm) == nil)
        #expect(plan.closedConflicts == ["f"])
        #expect(plan.rules == [.conflictResolved, .conflictResolved])
        #expect(plan.shadow?.conflicts == [])
        #expect(plan.shadow?.prm["f"] == Self.x)
    }

    @Test func fieldMissingFromARecordCountsAsUnchanged() throws {
        let mapping = F.mapping([F.field("f"), F.field("g")])
        let pair = try LinkedPair(mapping, base: ["f": Self.a, "g": Self.a])
        // The PRM record could not supply "g" (e.g. a read error): it is not a change to propagate.
        let record = pair.reconciler.compiled.record(side: .prm, id: "P1", modifiedAt: 2, values: ["f": Self.y])
        let plan = try pair.run(crmChange: nil, prmChange: .upserted(record))
        #expect(plan.written(to: .crm) == ["f": Self.y])
    }

    @Test func determinismSameInputSamePlan() throws {
        let mapping = F.mapping([F.field("f"), F.field("g", policy: .manual), F.field("h", .toPRM), F.field("k", .createOnly)])
        let pair = try LinkedPair(mapping, base: ["f": Self.a, "g": Self.a, "h": Self.a, "k": Self.a])
        let first = try pair.run(crm: ["f": Self.x, "g": Self.x, "k": Self.x], prm: ["g": Self.y, "h": Self.y])
        for _ in 0..<5 {
            #expect(try pair.run(crm: ["f": Self.x, "g": Self.x, "k": Self.x], prm: ["g": Self.y, "h": Self.y]) == first)
        }
    }
}
