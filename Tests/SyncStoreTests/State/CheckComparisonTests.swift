import Foundation
import Testing
@testable import SyncStore

/// Migration 4: CHECK lists of more than two words become comparisons, in place.
@Suite struct CheckComparisonTests {
    /// A database as builds with migrations 1–3 left it, with a row in the journal and a link.
    private func versionThreeDatabase(at path: String) throws {
        let db = try Database(path: path)
        defer { try? db.close() }
        try Migrator(StateSchema.migrations.filter { $0.id <= 3 }).migrate(db)
        try db.execute("""
            INSERT INTO links (id, mapping, crm_id, prm_id, status, created_at, updated_at)
            VALUES ('L1', 'deals', '006A', 'D1', 'active', 1, 1)
            """)
        try db.execute("INSERT INTO journal (at, mapping, direction, operation, status) VALUES (1, 'deals', 'none', 'link', 'applied')")
    }

    @Test func aVersionThreeDatabaseKeepsItsRowsAndItsRules() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent(SyncState.fileName).path
            try versionThreeDatabase(at: path)
            let state = try SyncState.open(path: path)
            defer { try? state.close() }
            let db = state.database
            #expect(try db.userVersion == 4)
            #expect(try state.link(id: "L1")?.status == .active)
            #expect(try state.journalCount() == 1)
            // The same words are still the only ones allowed.
            #expect(throws: StoreError.self) {
                try db.execute("UPDATE links SET status = 'gone' WHERE id = 'L1'")
            }
            #expect(throws: StoreError.self) {
                try db.execute("INSERT INTO journal (at, mapping, direction, operation, status) VALUES (1, 'deals', 'sideways', 'x', 'applied')")
            }
            #expect(throws: StoreError.self) {
                try db.execute("INSERT INTO journal (at, mapping, direction, operation, status) VALUES (1, 'deals', 'none', 'x', 'done')")
            }
            try db.execute("UPDATE links SET status = 'unlinked' WHERE id = 'L1'")
            try db.execute("INSERT INTO journal (at, mapping, direction, operation, status) VALUES (2, 'deals', 'toCRM', 'x', 'skipped')")
            #expect(try state.check().invariants.isEmpty)
            #expect(try db.integrityCheck(maxProblems: 10).isEmpty)
        }
    }

    @Test func noTableKeepsAListOfMoreThanTwoWordsAndInsertsBuildNoTemporaryTable() throws {
        try withState { state, _, _ in
            let db = state.database
            let definitions = try db.query("SELECT name, sql FROM sqlite_schema WHERE type = 'table'") {
                (try $0.text(0), try $0.text(1))
            }
            for (table, sql) in definitions {
                let lists = sql.components(separatedBy: " IN (").dropFirst().map { $0.prefix { $0 != ")" } }
                for list in lists {
                    #expect(list.split(separator: ",").count <= 2, "table \(table) still checks IN (\(list))")
                }
            }
            for sql in [
                "INSERT INTO journal (at, mapping, direction, operation, status, write_id) VALUES (1, 'm', 'none', 'x', 'pending', 1)",
                "INSERT INTO links (id, mapping, status, created_at, updated_at) VALUES ('x', 'm', 'active', 1, 1)",
                "INSERT INTO writes (mapping, side, operation, payload, attempt, first_seq, intent_count, created_at) VALUES ('m', 'crm', 'update', '{}', 1, 1, 1, 1)",
            ] {
                let opcodes = try db.query("EXPLAIN " + sql) { try $0.text(1) }
                #expect(!opcodes.contains("OpenEphemeral"), "\(sql) builds a temporary table")
            }
        }
    }

    @Test func anEditThatDoesNotMatchChangesNothing() throws {
        try withState { state, _, _ in
            let db = state.database
            let schema = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name"
            let before = try db.query(schema) { try $0.text(0) }
            #expect(throws: StoreError.tableDefinitionMismatch(path: db.path, table: "journal", expected: "status IN ('nope')")) {
                try db.inTransaction(.immediate) { db in
                    try db.replaceInTableDefinitions([("links", "status = 'active'", "status = 'live'"),
                                                      ("journal", "status IN ('nope')", "1")])
                    return .commit
                }
            }
            #expect(try db.query(schema) { try $0.text(0) } == before)
        }
    }

    @Test func aDefinitionSQLiteCannotReadIsRolledBack() throws {
        try withState { state, _, _ in
            let db = state.database
            #expect(throws: StoreError.self) {
                try db.inTransaction(.immediate) { db in
                    try db.replaceInTableDefinitions([("cursors", "PRIMARY KEY (mapping, side)", "PRIMARY KEY (mapping, side")])
                    return .commit
                }
            }
            // The connection and the file still work with the old definition.
            try state.saveCursor(mapping: "deals", side: .crm, value: "{}", highWater: 1)
            #expect(try state.cursor(mapping: "deals", side: .crm)?.value == "{}")
            try state.close()
            let reopened = try SyncState.open(path: db.path)
            defer { try? reopened.close() }
            #expect(try reopened.cursor(mapping: "deals", side: .crm)?.value == "{}")
            #expect(try reopened.database.integrityCheck(maxProblems: 10).isEmpty)
        }
    }
}
