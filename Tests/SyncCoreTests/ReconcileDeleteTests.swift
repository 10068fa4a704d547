import Testing
@testable import SyncCore

/// Deletes per delete policy, and delete-versus-edit.
@Suite struct ReconcileDeleteTests {
    typealias F = ReconcileFixtures

    func pair(_ policy: DeletePolicy) throws -> LinkedPair {
        try LinkedPair(F.mapping([F.field("name"), F.field("note", .createOnly)], deletePolicy: policy),
                       base: ["name": .string("Acme"), "note": .string("n")])
    }

    @Test func deletePropagateDeletesTheCounterpart() throws {
        let plan = try pair(.propagate).run(crmChange: .deleted(id: "C1", at: 3), prmChange: nil)
        #expect(plan.writes == [PlannedWrite(side: .prm, operation: .delete, recordId: "P1", linkId: "L1", fields: [:],
                                             externalId: nil)])
        #expect(plan.links.first?.status == .deleted)
        #expect(plan.rules == [.deletePropagate])
        #expect(plan.journal.first?.write == 0)
        #expect(plan.journal.first?.direction == .toPRM)
    }

    @Test func deleteUnlinkKeepsTheCounterpart() throws {
        let plan = try pair(.unlink).run(crmChange: nil, prmChange: .deleted(id: "P1", at: 3))
        #expect(plan.writes.isEmpty)
        #expect(plan.links.first?.status == .unlinked)
        #expect(plan.rules == [.deleteUnlink])
    }

    @Test func deleteFlagKeepsTheCounterpartForOps() throws {
        let plan = try pair(.flag).run(crmChange: .deleted(id: "C1", at: 3), prmChange: nil)
        #expect(plan.writes.isEmpty)
        #expect(plan.links.first?.status == .flagged)
        #expect(plan.rules == [.deleteFlag])
        #expect(plan.journal.first?.operation == .flag)
    }

    @Test(arguments: DeletePolicy.allCases)
    func conflictDeleteVsEditWhateverThePolicy(_ policy: DeletePolicy) throws {
        let pair = try pair(policy)
        let edited = pair.record(.prm, ["name": .string("Acme 2")], at: 3)
        let plan = try pair.run(crmChange: .deleted(id: "C1", at: 3), prmChange: .upserted(edited))
        #expect(plan.writes.isEmpty)
        #expect(plan.links.first?.status == .flagged)
        #expect(plan.rules == [.conflictDeleteVsEdit])
        #expect(plan.conflicts == [Conflict(kind: .deleteVsEdit, linkId: "L1", deletedSide: .crm)])
        #expect(plan.journal.first?.changes == [FieldChange(field: "name", before: .string("Acme"), after: .string("Acme 2"))])
    }

    @Test func deleteWithAnUnchangedReReadIsAPlainDelete() throws {
        let pair = try pair(.propagate)
        // The PRM record is reported, but nothing mapped differs (a createOnly edit does not count).
        let same = pair.record(.prm, ["note": .string("changed")], at: 3)
        let plan = try pair.run(crmChange: .deleted(id: "C1", at: 3), prmChange: .upserted(same))
        #expect(plan.rules == [.deletePropagate])
    }

    @Test func convergedDeletedOnBothSides() throws {
        let plan = try pair(.flag).run(crmChange: .deleted(id: "C1", at: 3), prmChange: .deleted(id: "P1", at: 4))
        #expect(plan.writes.isEmpty)
        #expect(plan.links.first?.status == .deleted)
        #expect(plan.rules == [.converged])
    }

    @Test(arguments: [LinkStatus.flagged, .deleted, .unlinked])
    func endedLinksPlanNothing(_ status: LinkStatus) throws {
        var pair = try pair(.propagate)
        pair.link.status = status
        #expect(try pair.run(crm: ["name": .string("x")]).isEmpty)
    }
}
