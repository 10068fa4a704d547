import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// Statements that run once per record a cycle reconciles or records must seek the rows
/// they need: a plan that walks a whole side (or every review link) costs a scan per record,
/// which a small test database never shows as slowness. Checked with SQLite's own plans
/// and with the rows a lookup visits on a side of many records.
@Suite struct QueryPlanTests {
    private func plan(_ state: SyncState, _ sql: String, _ arguments: [DatabaseValue]) throws -> String {
        try state.database.query("EXPLAIN QUERY PLAN " + sql, arguments) { try $0.text(3) }.joined(separator: "\n")
    }

    @Test(arguments: Side.allCases)
    func candidateLookupsSeekTheMatchingRecords(side: Side) throws {
        try withState { state, _, _ in
            let byExternalID = try plan(state, SyncState.byExternalIDSQL(side), [.text("deals"), .side(side), .text("C1")])
            #expect(byExternalID.contains("USING INDEX records_external (mapping=? AND side=? AND external_id=?)"),
                    "\(byExternalID)")
            let byMatchKey = try plan(state, SyncState.byMatchKeySQL(side),
                                      [.text("deals"), .side(side), .text("email"), .text("ann@example.com")])
            #expect(byMatchKey.contains("SEARCH k USING") && byMatchKey.contains("key=? AND value=?"), "\(byMatchKey)")
            #expect(byMatchKey.contains("SEARCH r USING INDEX sqlite_autoindex_records_1 (mapping=? AND side=? AND id=?)"),
                    "\(byMatchKey)")
        }
    }

    @Test(arguments: Side.allCases)
    func linkUpsertsSeekTheRecordsLinksAndConflicts(side: Side) throws {
        try withState { state, _, _ in
            let reviews = try plan(state, SyncState.supersedeReviewsSQL(side),
                                   [.integer(1), .text("R1"), .text("deals"), .text("L1")])
            let index = side == .crm ? "links_crm (crm_id=? AND mapping=?)" : "links_prm (prm_id=? AND mapping=?)"
            #expect(reviews.contains(index), "\(reviews)")
            let conflicts = try plan(state, SyncState.linkConflictsOpenSQL, [.text("L1")])
            #expect(conflicts.contains("conflicts_live (link_id=?)"), "\(conflicts)")
        }
    }

    /// The channel-conflict check's scan: every record of a side once, each seeking its live
    /// link and that link's shadow (not a scan of either per record).
    @Test(arguments: Side.allCases)
    func knownRecordsSeekTheirLinksAndShadows(side: Side) throws {
        try withState { state, _, _ in
            let known = try plan(state, SyncState.knownRecordsSQL(side), [.text("deals"), .side(side)])
            #expect(known.contains("USING INDEX sqlite_autoindex_records_1 (mapping=? AND side=?)"), "\(known)")
            #expect(known.contains("SEARCH l USING INDEX links_\(side.rawValue)"), "\(known)")
            #expect(known.contains("SEARCH s USING INDEX sqlite_autoindex_shadows_1 (link_id=?)"), "\(known)")
            #expect(!known.contains("SCAN l") && !known.contains("SCAN s"), "\(known)")
        }
    }

    /// A pull's check that the rows of linked records exist reads the primary key's index only.
    @Test func existingRowsAreFoundInTheKeysIndexAlone() throws {
        try withState { state, _, _ in
            let existing = try plan(state, SyncState.existingRecordIDsSQL, [.text(#"["P1"]"#), .text("deals"), .side(.prm)])
            #expect(existing.contains("SEARCH r USING COVERING INDEX sqlite_autoindex_records_1 (mapping=? AND side=? AND id=?)"),
                    "\(existing)")
        }
    }

    @Test func dueRetriesReadOnlyOpenFailures() throws {
        try withState { state, _, _ in
            let due = try plan(state, SyncState.dueRetriesSQL, [.text("deals"), .integer(10)])
            #expect(due.contains("SEARCH f USING INDEX failures_open (mapping=? AND state=?)"), "\(due)")
        }
    }

    @Test func theExpiryRecheckSeeksItsLinksByID() throws {
        try withState { state, _, _ in
            let recheck = try plan(state, SyncState.linksWithStatusSQL(among: true),
                                   [.text(#"["L1"]"#), .text("deals"), .text("$.status.string"), .text("approved"),
                                    .text("$.expires_at.date"), .text("2024-01-01")])
            #expect(recheck.contains("SEARCH l USING INDEX sqlite_autoindex_links_1 (id=?)"), "\(recheck)")
            #expect(!recheck.contains("links_mapping"), "\(recheck)")
        }
    }

    @Test func aCandidateLookupAmongManyRecordsStillFindsItsOwn() throws {
        try withState { state, _, _ in
            let records = (0..<2_000).map { number in
                RecordSnapshot(mapping: "deals", side: .crm, id: String(format: "C%05d", number),
                               externalID: number == 1_234 ? "P-wanted" : "P\(number)", modifiedAt: 1, values: "{}",
                               matchKeys: ["email": "buyer\(number % 1_000)@example.com"])
            }
            try state.saveRecords(records)
            #expect(try state.unlinkedRecords(mapping: "deals", side: .crm, externalID: "P-wanted").map(\.id) == ["C01234"])
            #expect(try state.unlinkedRecords(mapping: "deals", side: .crm, matchKey: "email", value: "buyer7@example.com")
                .map(\.id) == ["C00007", "C01007"])
        }
    }
}
