import Testing
@testable import SyncCore

/// Unlinked records: linking by external id, then match key; review on
/// ambiguity; create with the external id; scope.
@Suite struct ReconcileLinkingTests {
    typealias F = ReconcileFixtures
    static let mapping = F.mapping([F.field("name"), F.field("email"), F.field("stage"),
                                    F.field("owner", .toCRM), F.field("source", .createOnly)],
                                   matchKeys: [["email"]],
                                   scope: [ScopeFilter(field: "stage", op: .notEquals, values: [.string("archived")])])

    let reconciler: Reconciler
    init() throws { reconciler = try Reconciler(mapping: Self.mapping) }

    func record(_ side: Side, _ id: String, _ values: [String: Value], externalId: String? = nil, at: Int64 = 5) -> CanonicalRecord {
        reconciler.compiled.record(side: side, id: id, modifiedAt: at, externalId: externalId, values: values)
    }

    func run(_ record: CanonicalRecord, link: Link? = nil, candidates: [CanonicalRecord] = [],
             endedLink: Link? = nil) throws -> Plan {
        try reconciler.reconcile(
            ReconcileInput(link: link, shadow: nil, crm: record.side == .crm ? .upserted(record) : nil,
                           prm: record.side == .prm ? .upserted(record) : nil, newLinkID: "L9", now: 1_000,
                           endedLink: endedLink),
            candidates: CandidateTable(records: candidates))
    }

    @Test func createCarriesTheExternalIdAndSendsWhatFlows() throws {
        let crm = record(.crm, "C1", ["name": .string("Acme"), "email": .string("a@acme.test"), "stage": .string("open"),
                                      "owner": .null, "source": .string("web")])
        let plan = try run(crm)
        #expect(plan.rules == [.create])
        #expect(plan.links == [Link(id: "L9", mapping: "deals", crmId: "C1", prmId: nil, status: .active)])
        // `owner` flows only to the CRM, and a null is not sent; `source` is sent once, on create.
        #expect(plan.writes == [PlannedWrite(side: .prm, operation: .create, recordId: nil, linkId: "L9",
                                             fields: ["name": .string("Acme"), "email": .string("a@acme.test"),
                                                      "stage": .string("open"), "source": .string("web")],
                                             externalId: "C1")])
        #expect(plan.journal.first?.write == 0)
        #expect(plan.journal.first?.operation == .create)
        #expect(plan.journal.first?.direction == .toPRM)
        let shadow = try #require(plan.shadow)
        #expect(shadow.crmModifiedAt == 5 && shadow.prmModifiedAt == nil)
        #expect(shadow.prm["owner"] == .null)
        #expect(shadow.prm["name"] == .string("Acme"))
    }

    @Test func createWithoutExternalIdFieldsLeavesTheLinkToTheStore() throws {
        let reconciler = try Reconciler(mapping: F.mapping([F.field("name")], externalIds: false))
        let prm = reconciler.compiled.record(side: .prm, id: "P1", modifiedAt: 5, values: ["name": .string("Acme")])
        let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: nil, prm: .upserted(prm),
                                                           newLinkID: "L9", now: 1))
        #expect(plan.writes.first?.externalId == nil)
        #expect(plan.writes.first?.side == .crm)
    }

    @Test func createAssertsTheNewSidesOwnedFields() throws {
        // `owner` belongs to the PRM; the new PRM record holds nothing, so neither may the CRM.
        let crm = record(.crm, "C1", ["name": .string("Acme"), "stage": .string("open"), "owner": .string("bob")])
        let plan = try run(crm)
        #expect(plan.written(to: .crm) == ["owner": .null])
        #expect(plan.writes.first { $0.side == .crm }?.recordId == "C1")
        #expect(plan.rules == [.create, .directionBlocked])
        #expect(plan.shadow?.crm["owner"] == .null)
    }

    @Test func createCountsOnTheNewSidesReadDefault() throws {
        // The PRM reads an unset `owner` as "pending" (a read default): the new PRM record
        // shows "pending" at once, so the create asserts that on the CRM too, and the
        // record's echo finds nothing changed.
        var owner = F.field("owner", .toCRM)
        owner.prmTransforms = [.defaultValue(.string("pending"))]
        let reconciler = try Reconciler(mapping: F.mapping([F.field("name"), owner]))
        let crm = reconciler.compiled.record(side: .crm, id: "C1", modifiedAt: 5, values: ["name": .string("Acme"), "owner": .null])
        let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: .upserted(crm), prm: nil,
                                                           newLinkID: "L9", now: 1))
        #expect(plan.shadow?.prm["owner"] == .string("pending"))
        #expect(plan.written(to: .crm) == ["owner": .string("pending")])
        #expect(plan.shadow?.crm["owner"] == .string("pending"))
    }

    @Test func linkExternalIdTheRecordNamesItsCounterpart() throws {
        let crm = record(.crm, "C1", ["name": .string("Acme"), "stage": .string("open")], externalId: "P7")
        let prm = record(.prm, "P7", ["name": .string("Acme Inc"), "stage": .string("open")], at: 9)
        let plan = try run(crm, candidates: [prm, record(.prm, "P8", ["name": .string("Other")])])
        #expect(plan.links == [Link(id: "L9", mapping: "deals", crmId: "C1", prmId: "P7", status: .active)])
        #expect(plan.rules.first == .linkExternalId)
        // No shadow yet: both "changed"; the default policy `newest` picks the later PRM.
        #expect(plan.written(to: .crm) == ["name": .string("Acme Inc")])
        #expect(plan.shadow?.crmModifiedAt == 5 && plan.shadow?.prmModifiedAt == 9)
    }

    @Test func linkExternalIdTheCounterpartNamesTheRecord() throws {
        let prm = record(.prm, "P7", ["name": .string("Acme"), "stage": .string("open")])
        let crm = record(.crm, "C1", ["name": .string("Acme"), "stage": .string("open")], externalId: "P7")
        let plan = try run(prm, candidates: [crm])
        #expect(plan.links.first?.crmId == "C1")
        #expect(plan.rules == [.linkExternalId, .converged])
        #expect(plan.writes.isEmpty)
    }

    @Test func linkExternalIdWinsOverMatchKey() throws {
        let crm = record(.crm, "C1", ["email": .string("a@x.test"), "stage": .string("open")], externalId: "P7")
        let byId = record(.prm, "P7", ["email": .string("other@x.test"), "stage": .string("open")])
        let byEmail = record(.prm, "P8", ["email": .string("a@x.test"), "stage": .string("open")])
        let plan = try run(crm, candidates: [byId, byEmail])
        #expect(plan.links.first?.prmId == "P7")
        #expect(plan.rules.first == .linkExternalId)
    }

    @Test func linkMatchKeyOneCandidate() throws {
        let crm = record(.crm, "C1", ["email": .string("a@x.test"), "stage": .string("open")])
        let prm = record(.prm, "P3", ["email": .string("a@x.test"), "stage": .string("open")])
        let plan = try run(crm, candidates: [prm, record(.prm, "P4", ["email": .string("b@x.test")])])
        #expect(plan.links == [Link(id: "L9", mapping: "deals", crmId: "C1", prmId: "P3", status: .active)])
        #expect(plan.rules.first == .linkMatchKey)
        #expect(plan.journal.first?.operation == .link)
    }

    @Test func linkMatchKeyIgnoresEmptyKeys() throws {
        let crm = record(.crm, "C1", ["email": .string(""), "stage": .string("open")])
        let prm = record(.prm, "P3", ["email": .string(""), "stage": .string("open")])
        let plan = try run(crm, candidates: [prm])
        #expect(plan.rules == [.create])
    }

    @Test func linkAmbiguousTwoCandidatesGoToReview() throws {
        let crm = record(.crm, "C1", ["email": .string("a@x.test"), "stage": .string("open")])
        let candidates = [record(.prm, "P3", ["email": .string("a@x.test")]), record(.prm, "P4", ["email": .string("a@x.test")])]
        let plan = try run(crm, candidates: candidates)
        #expect(plan.writes.isEmpty)
        #expect(plan.rules == [.linkAmbiguous])
        #expect(plan.links == [Link(id: "L9", mapping: "deals", crmId: "C1", prmId: nil, status: .review)])
        #expect(plan.conflicts == [Conflict(kind: .ambiguousLink, linkId: "L9", candidates: ["P3", "P4"])])
        #expect(plan.journal.first?.operation == .review)
    }

    @Test func linkAmbiguousARivalOnTheSameSideIsAmbiguousToo() throws {
        let prm = record(.prm, "P3", ["email": .string("a@x.test"), "stage": .string("open")])
        let candidates = [record(.crm, "C1", ["email": .string("a@x.test")]), record(.crm, "C2", ["email": .string("a@x.test")]),
                          record(.prm, "P4", ["email": .string("a@x.test")])]
        let plan = try run(prm, candidates: Array(candidates[0...0]) + [candidates[2]])
        #expect(plan.rules == [.linkAmbiguous])
        #expect(plan.conflicts.first?.candidates == ["C1", "P4"])
    }

    @Test func linkAmbiguousTwoExternalIdCandidates() throws {
        let crm = record(.crm, "C1", ["stage": .string("open")], externalId: "P7")
        let plan = try run(crm, candidates: [record(.prm, "P7", [:]), record(.prm, "P8", [:], externalId: "C1")])
        #expect(plan.rules == [.linkAmbiguous])
        #expect(plan.conflicts.first?.candidates == ["P7", "P8"])
    }

    @Test func linkAmbiguousReviewLinkWaitsThenLinksWhenClear() throws {
        let review = Link(id: "L2", mapping: "deals", crmId: "C1", prmId: nil, status: .review)
        let crm = record(.crm, "C1", ["email": .string("a@x.test"), "stage": .string("open")])
        let two = [record(.prm, "P3", ["email": .string("a@x.test")]), record(.prm, "P4", ["email": .string("a@x.test")])]
        // Still ambiguous: nothing new.
        #expect(try run(crm, link: review, candidates: two).isEmpty)
        // One candidate left: the review link itself becomes the active link.
        let plan = try run(crm, link: review, candidates: [two[0]])
        #expect(plan.links == [Link(id: "L2", mapping: "deals", crmId: "C1", prmId: "P3", status: .active)])
        #expect(plan.rules.first == .linkMatchKey)
    }

    @Test func linkAmbiguousRecordDeletedWhileInReviewEndsTheWait() throws {
        let review = Link(id: "L2", mapping: "deals", crmId: "C1", prmId: nil, status: .review)
        let plan = try reconciler.reconcile(ReconcileInput(link: review, shadow: nil, crm: .deleted(id: "C1", at: 9), prm: nil,
                                                           newLinkID: "L9", now: 1_000))
        #expect(plan.links.first?.status == .deleted)
        #expect(plan.rules == [.deleteUnlink])
        #expect(plan.writes.isEmpty)
    }

    @Test func scopeOutsideUnlinkedRecordIsIgnored() throws {
        let crm = record(.crm, "C1", ["stage": .string("archived")])
        #expect(try run(crm).isEmpty)
    }

    @Test func scopeOutsideACounterpartNamedByIdBlocksTheCreate() throws {
        let crm = record(.crm, "C1", ["stage": .string("open")], externalId: "P7")
        let plan = try run(crm, candidates: [record(.prm, "P7", ["stage": .string("archived")])])
        #expect(plan.rules == [.scopeOutside])
        #expect(plan.writes.isEmpty && plan.links.isEmpty)
    }

    @Test func scopeLeftLinkedRecordIsUnlinkedNotDeleted() throws {
        var pair = try LinkedPair(Self.mapping, base: ["name": .string("Acme"), "stage": .string("open")])
        pair.link.id = "L1"
        let plan = try pair.run(crm: ["stage": .string("archived"), "name": .string("Acme 2")])
        #expect(plan.writes.isEmpty)
        #expect(plan.rules == [.scopeLeft])
        #expect(plan.links == [Link(id: "L1", mapping: "deals", crmId: "C1", prmId: "P1", status: .unlinked)])
        #expect(plan.journal.first?.operation == .unlink)
    }

    @Test func scopeFilterOnAFieldTheSideLacksDoesNotApply() throws {
        let mapping = F.mapping([F.field("name"), F.field("kind", .toPRM, onCRM: true, onPRM: false)],
                                scope: [ScopeFilter(field: "kind", op: .equals, values: [.string("partner")])])
        let reconciler = try Reconciler(mapping: mapping)
        let prm = reconciler.compiled.record(side: .prm, id: "P1", modifiedAt: 1, values: ["name": .string("n")])
        let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: nil, prm: .upserted(prm),
                                                           newLinkID: "L1", now: 1))
        #expect(plan.rules == [.create])
        let crm = reconciler.compiled.record(side: .crm, id: "C1", modifiedAt: 1, values: ["name": .string("n"), "kind": .string("direct")])
        #expect(try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: .upserted(crm), prm: nil,
                                                        newLinkID: "L1", now: 1)).isEmpty)
    }

    /// Delete policy `unlink` (or scope left) ended the record's link: later edits, or a
    /// complete scan that sees it again, must not create the deleted counterpart anew.
    @Test func aRecordWhoseLinkEndedIsNeverCreatedAgain() throws {
        let ended = Link(id: "L1", mapping: "deals", crmId: "C1", prmId: "P1", status: .unlinked)
        let crm = record(.crm, "C1", ["name": .string("Acme 2"), "email": .string("a@x.test"), "stage": .string("open")])
        #expect(try run(crm, endedLink: ended).isEmpty)
        // A review link superseded by another link names one record only: it had no counterpart.
        let review = Link(id: "L2", mapping: "deals", crmId: "C1", prmId: nil, status: .unlinked)
        #expect(try run(crm, endedLink: review).rules == [.create])
    }

    @Test func aRecordWhoseLinkEndedStillLinksToACounterpartThatIsThere() throws {
        let ended = Link(id: "L1", mapping: "deals", crmId: "C1", prmId: "P1", status: .unlinked)
        let crm = record(.crm, "C1", ["email": .string("a@x.test"), "stage": .string("open")])
        let plan = try run(crm, candidates: [record(.prm, "P1", ["email": .string("a@x.test"), "stage": .string("open")])],
                           endedLink: ended)
        #expect(plan.links == [Link(id: "L9", mapping: "deals", crmId: "C1", prmId: "P1", status: .active)])
        #expect(plan.rules.first == .linkMatchKey)
    }

    @Test func unlinkedDeleteDoesNothing() throws {
        let plan = try reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: .deleted(id: "C1", at: 1), prm: nil,
                                                           newLinkID: "L1", now: 1))
        #expect(plan.isEmpty)
    }
}
