import Foundation
import Testing
@testable import SyncCore

/// What callers (the store, connectors) rely on: errors for mismatched input,
/// stable names, and JSON that round-trips.
@Suite struct ReconcileContractTests {
    typealias F = ReconcileFixtures

    @Test func mismatchedInputsAreErrorsNotGuesses() throws {
        let pair = try LinkedPair(F.mapping([F.field("f")]), base: ["f": .string("a")])
        let other = pair.reconciler.compiled.record(side: .crm, id: "C2", modifiedAt: 2, values: [:])
        #expect(throws: ReconcileError.recordNotInLink(linkId: "L1", side: .crm, linked: "C1", received: "C2")) {
            try pair.run(crmChange: .upserted(other), prmChange: nil)
        }
        let prmRecord = pair.record(.prm, [:], at: 2)
        #expect(throws: ReconcileError.wrongSide(expected: .crm, recordId: "P1")) {
            try pair.run(crmChange: .upserted(prmRecord), prmChange: nil)
        }
        #expect(throws: ReconcileError.unlinkedPair(crmId: "C1", prmId: "P1")) {
            try pair.reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: .upserted(pair.record(.crm, [:], at: 2)),
                                                         prm: .upserted(prmRecord), newLinkID: "x", now: 1))
        }
        // A record in no link may make one: it needs the id for it. A linked pair does not.
        #expect(throws: ReconcileError.missingNewLinkID(recordId: "P1")) {
            try pair.reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: nil, prm: .upserted(prmRecord),
                                                         newLinkID: "", now: 1))
        }
        // A deleted record in no link plans nothing, so it needs no id.
        let gone = try pair.reconciler.reconcile(ReconcileInput(link: nil, shadow: nil, crm: nil,
                                                                prm: .deleted(id: "P1", at: 2), newLinkID: "", now: 1))
        #expect(gone.writes.isEmpty && gone.links.isEmpty)
        let edited = pair.record(.crm, ["f": .string("b")], at: 2)
        let plan = try pair.reconciler.reconcile(ReconcileInput(link: pair.link, shadow: pair.shadow, crm: .upserted(edited),
                                                                prm: nil, newLinkID: "", now: 2))
        #expect(plan.writes.map(\.side) == [.prm], "the edit is propagated without a new link id")
        #expect(plan.links.allSatisfy { $0.id == "L1" })
        var foreign = pair.link
        foreign.mapping = "leads"
        #expect(throws: ReconcileError.wrongMapping(linkId: "L1", linkMapping: "leads", reconciler: "deals")) {
            try pair.reconciler.reconcile(ReconcileInput(link: foreign, shadow: nil, crm: nil, prm: nil, newLinkID: "x", now: 1))
        }
    }

    @Test func invalidMappingIsReportedByName() {
        let mapping = F.mapping([F.field("f")], matchKeys: [["emial"]])
        #expect(throws: ReconcileError.invalidMapping(mapping: "deals", problem: "match key names unknown field 'emial'")) {
            try Reconciler(mapping: mapping)
        }
        #expect(throws: ReconcileError.self) { try Reconciler(mapping: F.mapping([F.field("f"), F.field("f")])) }
    }

    @Test func ruleNamesAreStable() {
        #expect(Rule.allCases.map(\.rawValue) == [
            "propagate.crm", "propagate.prm", "converged", "policy.crm", "policy.prm", "policy.newest",
            "conflict.manual", "conflict.resolved", "conflict.deleteVsEdit", "echo.suppressed", "link.externalId",
            "link.matchKey", "link.ambiguous", "create", "delete.propagate", "delete.unlink", "delete.flag",
            "scope.left", "scope.outside", "preferNonEmpty", "direction.blocked", "createOnly",
            "registration.submitted", "registration.resubmitted", "registration.under_review", "registration.approved",
            "registration.rejected", "registration.returned", "registration.duplicate", "registration.extended",
            "registration.expired", "registration.won", "registration.lost", "registration.canceled",
            "registration.transition.refused", "registration.partner.unknown",
            "channel_conflict.domain", "channel_conflict.email", "channel_conflict.name",
        ])
    }

    @Test func valuesKeepTheirCaseAndPrecisionInJSON() throws {
        let values: [Value] = [.null, .string("12"), .number(Decimal(string: "12345678901234567890.123456789")!),
                               .bool(false), .date("2024-05-01"), .datetime(1_714_521_600_000), .string("")]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([Value].self, from: data) == values)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"{"number":"12345678901234567890.123456789"}"#))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Value.self, from: Data(#"{"number":"12abc"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Value.self, from: Data(#"{"string":"a","bool":true}"#.utf8)) }
    }

    @Test func planRoundTripsThroughJSON() throws {
        let pair = try LinkedPair(F.mapping([F.field("f"), F.field("g", policy: .manual)]),
                                  base: ["f": .string("a"), "g": .number(1)])
        let plan = try pair.run(crm: ["f": .string("x"), "g": .number(2)], prm: ["g": .number(3)])
        #expect(!plan.writes.isEmpty && !plan.conflicts.isEmpty)
        let decoded = try JSONDecoder().decode(Plan.self, from: try JSONEncoder().encode(plan))
        #expect(decoded == plan)
    }

    @Test func shadowDecodedWithOtherFieldOrderStillMatches() throws {
        let pair = try LinkedPair(F.mapping([F.field("z"), F.field("a")]), base: ["z": .string("1"), "a": .string("2")])
        let decoded = try JSONDecoder().decode(Shadow.self, from: try JSONEncoder().encode(pair.shadow))
        #expect(decoded == pair.shadow)
        #expect(decoded.crm.names == ["a", "z"])
        var reloaded = pair
        reloaded.shadow = decoded
        #expect(try reloaded.run().isEmpty)
        #expect(try reloaded.run(crm: [:], crmAt: 1).isEmpty)
    }
}
