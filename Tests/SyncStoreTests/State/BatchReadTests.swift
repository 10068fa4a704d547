import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The batched reads a cycle uses (`links(mapping:side:recordIDs:)`, `shadows(linkIDs:)`)
/// answer exactly what the one-id reads answer, for more ids than a cycle's slice.
@Suite struct BatchReadTests {
    static let count = 450

    /// `count` active deals links (L0… holding C0…/P0…), shadows for the even ones, a
    /// leads link holding C1 (another mapping), and C5 also in an older unlinked link.
    static func seed(_ state: SyncState, _ clock: TestClock) throws {
        try state.recordPlan(PlanBatch(links: [
            LinkRecord(id: "L5-old", mapping: "deals", crmID: "C5", prmID: "P-old", status: .unlinked),
            activeLink("LEAD1", mapping: "leads", crm: "C1", prm: "P1"),
        ]))
        clock.advance(1_000)
        let links = (0..<count).map { activeLink("L\($0)", crm: "C\($0)", prm: "P\($0)") }
        var shadows: [ShadowRecord] = []
        for index in stride(from: 0, to: count, by: 2) {
            let crm = #"{"name":{"string":"c"#, prm = #"{"name":{"string":"p"#
            shadows.append(ShadowRecord(linkID: "L\(index)", crmValues: crm + "\(index)\"}}",
                                        prmValues: prm + "\(index)\"}}", crmModifiedAt: Int64(index),
                                        crmAwaitsEcho: index % 4 == 0, conflictFields: index % 3 == 0 ? ["name"] : []))
        }
        try state.recordPlan(PlanBatch(links: links, shadows: shadows))
    }

    @Test func linksOfManyRecordsAreTheOneByOneAnswers() throws {
        try withState { state, clock, _ in
            try Self.seed(state, clock)
            for side in Side.allCases {
                let prefix = side == .crm ? "C" : "P"
                let ids = (0..<Self.count).map { "\(prefix)\($0)" } + ["\(prefix)-none", "\(prefix)-old"]
                let batched = try state.links(mapping: "deals", side: side, recordIDs: ids.reversed())
                for id in ids {
                    let single = try state.links(mapping: "deals", side: side, recordID: id)
                    #expect((batched[id] ?? []) == single, "\(side) \(id)")
                }
                #expect(batched.count == Self.count + (side == .crm ? 0 : 1))
                #expect(batched["C5"]?.map(\.id) ?? batched["P5"]?.map(\.id) == (side == .crm ? ["L5", "L5-old"] : ["L5"]))
            }
            #expect(try state.links(mapping: "deals", side: .crm, recordIDs: []).isEmpty)
        }
    }

    @Test func shadowsOfManyLinksAreTheOneByOneAnswers() throws {
        try withState { state, clock, _ in
            try Self.seed(state, clock)
            let ids = (0..<Self.count).map { "L\($0)" } + ["L-none"]
            let batched = try state.shadows(linkIDs: ids)
            #expect(batched.count == (Self.count + 1) / 2)
            for id in ids {
                #expect(batched[id] == (try state.shadow(linkID: id)), "\(id)")
            }
        }
    }
}
