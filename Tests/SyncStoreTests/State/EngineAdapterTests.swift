import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The store driven by the real reconciler: plans persisted, outcomes applied, the
/// pair read back, conflicts resolved by ops and applied, records linked by match key
/// through the store's candidate index.
@Suite struct EngineAdapterTests {
    static let mapping = Mapping(
        name: "deals",
        crm: SideBinding(remote: "crm", object: "Opportunity", externalIdField: FieldPath("PRM_Id__c")),
        prm: SideBinding(remote: "prm", object: "Deal", externalIdField: FieldPath("crmId")),
        fields: [
            FieldMapping(name: "name", type: .string, crmPath: FieldPath("Name"), prmPath: FieldPath("title")),
            FieldMapping(name: "email", type: .email, crmPath: FieldPath("Email"), prmPath: FieldPath("email")),
            FieldMapping(name: "amount", type: .decimal, crmPath: FieldPath("Amount"), prmPath: FieldPath("amount"),
                         policy: .manual),
        ],
        matchKeys: [["email"]])

    @Test func aRecordIsCreatedLinkedConflictedResolvedAndClosed() throws {
        try withState { state, clock, _ in
            let reconciler = try Reconciler(mapping: Self.mapping)
            let compiled = reconciler.compiled
            let c1 = compiled.record(side: .crm, id: "C1", modifiedAt: 10,
                                     values: ["name": .string("Acme"), "email": .string("a@acme.test"), "amount": .number(100)])
            try state.saveRecords([c1], mapping: compiled)

            // Cycle 1: an unlinked CRM record, no counterpart → a create on the PRM.
            let candidates = StoreLinkCandidates(state: state, mapping: compiled)
            let linkID = SyncState.makeLinkID()
            let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: .upserted(c1), prm: nil,
                                                               newLinkID: linkID, now: clock.now), candidates: candidates)
            #expect(candidates.failure == nil)
            let persisted = try state.recordPlans([plan], mapping: "deals")
            let writeID = try #require(persisted.first?.writeIDs.first)
            let pending = try #require(try state.pendingWrites().first)
            #expect(pending.operation == .create && pending.side == .prm && pending.externalID == "C1")
            #expect(pending.payload.contains("Acme"))
            try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(writeID, remoteID: "P1")],
                                                  shadows: [persisted[0].shadow(afterOutcomes: [writeID: .applied])].compactMap { $0 }))
            let (link, shadow) = try #require(try state.pair(linkID: linkID, mapping: compiled))
            #expect(link.crmId == "C1" && link.prmId == "P1" && link.status == .active)
            let synced = try #require(shadow)
            #expect(synced.crm["name"] == .string("Acme") && synced.prm["amount"] == .number(100))
            #expect(try state.unlinkedRecord(mapping: "deals", side: .crm, id: "C1") == nil)

            // Cycle 2: both sides change the manual field differently → a conflict.
            clock.advance(1_000)
            var crmValues = synced.crm.dictionary, prmValues = synced.prm.dictionary
            crmValues["amount"] = .number(150)
            prmValues["amount"] = .number(175)
            let crm2 = compiled.record(side: .crm, id: "C1", modifiedAt: 20, values: crmValues)
            let prm2 = compiled.record(side: .prm, id: "P1", modifiedAt: 20, values: prmValues)
            let conflicted = try reconciler.reconcile(ReconcileInput(link: link, shadow: synced, crm: .upserted(crm2),
                                                                     prm: .upserted(prm2), newLinkID: "unused", now: clock.now))
            let second = try state.recordPlans([conflicted], mapping: "deals")
            #expect(second[0].writeIDs.isEmpty)
            let conflict = try #require(try state.conflicts().first)
            #expect(conflict.kind == .field && conflict.field == "amount" && conflict.linkID == linkID)
            #expect(conflict.crmID == "C1" && conflict.prmID == "P1")
            #expect(conflict.crmValue == #"{"number":"150"}"# && conflict.base == #"{"number":"100"}"#)
            #expect(try state.shadow(linkID: linkID)?.conflictFields == ["amount"])

            // Ops take the PRM's value; the next cycle writes it to the CRM and closes it.
            try state.resolveConflict(id: conflict.id, resolution: .take(.prm), by: "ops")
            let resolutions = try state.resolutions(linkID: linkID)
            #expect(resolutions == ["amount": .number(175)])
            let (linkNow, shadowNow) = try #require(try state.pair(linkID: linkID, mapping: compiled))
            let applied = try reconciler.reconcile(ReconcileInput(link: linkNow, shadow: shadowNow, crm: nil, prm: nil,
                                                                  resolutions: resolutions, newLinkID: "unused", now: clock.now))
            let third = try state.recordPlans([applied], mapping: "deals", linkIDs: [linkID])
            #expect(try state.conflict(id: conflict.id)?.state == .closed)
            let write = try #require(try state.pendingWrites().first)
            #expect(write.side == .crm && write.recordID == "C1" && write.payload.contains("175"))
            try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(write.id)],
                                                  shadows: [third[0].shadow(afterOutcomes: [write.id: .applied])].compactMap { $0 }))
            #expect(try state.pair(linkID: linkID, mapping: compiled)?.shadow?.crm["amount"] == .number(175))
            let rules = try state.journal(JournalQuery(record: "C1", limit: 100)).compactMap(\.rule)
            #expect(rules.contains("create") && rules.contains("conflict.manual") && rules.contains("conflict.resolved"))
            #expect(try state.check().isSound)
        }
    }

    @Test func anUnlinkedRecordIsLinkedByMatchKeyThroughTheStore() throws {
        try withState { state, clock, _ in
            let reconciler = try Reconciler(mapping: Self.mapping)
            let compiled = reconciler.compiled
            let c2 = compiled.record(side: .crm, id: "C2", modifiedAt: 5,
                                     values: ["name": .string("Globex"), "email": .string("g@globex.test"), "amount": .number(7)])
            let p2 = compiled.record(side: .prm, id: "P2", modifiedAt: 6,
                                     values: ["name": .string("Globex"), "email": .string("g@globex.test"), "amount": .number(7)])
            try state.saveRecords([c2], mapping: compiled)
            try state.saveRecords([p2], mapping: compiled)
            let candidates = StoreLinkCandidates(state: state, mapping: compiled)
            #expect(candidates.records(on: .crm, matchKey: ["email"], values: [.string("g@globex.test")]).map(\.id) == ["C2"])
            let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: nil, prm: .upserted(p2),
                                                               newLinkID: "L-m", now: clock.now), candidates: candidates)
            #expect(candidates.failure == nil)
            #expect(plan.links.first?.crmId == "C2" && plan.links.first?.prmId == "P2")
            _ = try state.recordPlans([plan], mapping: "deals")
            #expect(try state.liveLink(mapping: compiled, side: .prm, recordID: "P2")?.id == "L-m")
            #expect(candidates.records(on: .crm, matchKey: ["email"], values: [.string("g@globex.test")]).isEmpty)
            #expect(try state.journal(JournalQuery(record: "P2")).contains { $0.rule == "link.matchKey" })
        }
    }

    /// A side with no record in the index answers without a query from then on (an initial
    /// sync into an empty system); the other side still answers from its records.
    @Test func aSideWithNoIndexedRecordsHasNoCandidatesWhileTheOtherSideHas() throws {
        try withState { state, _, _ in
            let compiled = try Reconciler(mapping: Self.mapping).compiled
            let p3 = compiled.record(side: .prm, id: "P3", modifiedAt: 6, externalId: "C3",
                                     values: ["name": .string("Initech"), "email": .string("i@initech.test"), "amount": .number(1)])
            try state.saveRecords([p3], mapping: compiled)
            let candidates = StoreLinkCandidates(state: state, mapping: compiled)
            #expect(candidates.records(on: .crm, matchKey: ["email"], values: [.string("i@initech.test")]).isEmpty)
            #expect(candidates.records(on: .crm, externalId: "C3").isEmpty)
            #expect(candidates.record(on: .crm, id: "P3") == nil)
            #expect(candidates.records(on: .prm, matchKey: ["email"], values: [.string("i@initech.test")]).map(\.id) == ["P3"])
            #expect(candidates.records(on: .prm, externalId: "C3").map(\.id) == ["P3"])
            #expect(candidates.record(on: .prm, id: "P3")?.id == "P3")
            #expect(candidates.failure == nil)
        }
    }
}
