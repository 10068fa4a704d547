import Foundation
import Testing
@testable import SyncStore

@Suite struct SchemaTests {
    @Test func migrationCreatesStrictTablesWALAndFullSync() throws {
        try withState { state, _, _ in
            let db = state.database
            #expect(try db.userVersion == StateSchema.version)
            #expect(try db.journalMode == "wal")
            #expect(try db.synchronous == 2)
            let tables = try db.query("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite%'") {
                (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1))
            }
            let expected: Set = ["links", "shadows", "cursors", "cycles", "cycle_remotes", "writes", "journal",
                                 "conflicts", "failures", "records", "record_keys", "schema_migrations",
                                 "lead_routes", "routing_counters"]
            #expect(Set(tables.map(\.0)) == expected)
            #expect(tables.allSatisfy { $0.1 == 1 })
        }
    }

    @Test func journalRowsCannotBeUpdatedOrDeleted() throws {
        try withState { state, _, _ in
            let seqs = try state.recordDecisions([DecisionDraft(JournalDraft(mapping: "deals", operation: "link"), status: .applied)])
            #expect(throws: StoreError.self) {
                try state.database.execute("UPDATE journal SET status = 'dead' WHERE seq = ?", [.integer(seqs[0])])
            }
            #expect(throws: StoreError.self) {
                try state.database.execute("DELETE FROM journal WHERE seq = ?", [.integer(seqs[0])])
            }
            do {
                try state.database.execute("DELETE FROM journal")
                Issue.record("delete was not refused")
            } catch let StoreError.sqlite(_, code, message, _) {
                #expect(code.matches(.constraint))
                #expect(message.contains("append-only"))
            }
            #expect(try state.journalCount() == 1)
        }
    }

    @Test func journalChecksRefuseAnIntentWithoutWriteAndAnUnknownStatus() throws {
        try withState { state, _, _ in
            #expect(throws: StoreError.self) {
                try state.database.execute("""
                    INSERT INTO journal (at, mapping, direction, operation, status) VALUES (1, 'deals', 'none', 'create', 'pending')
                    """)
            }
            #expect(throws: StoreError.self) {
                try state.database.execute("""
                    INSERT INTO journal (at, mapping, direction, operation, status) VALUES (1, 'deals', 'none', 'create', 'done')
                    """)
            }
        }
    }

    @Test func readOnlyOpenRefusesAnOlderSchemaAndWrites() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("old.sqlite").path
            let db = try Database(path: path)
            try Migrator([]).migrate(db)
            try db.executeScript("CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT")
            try db.close()
            #expect(throws: StateError.schemaMismatch(path: path, databaseVersion: 0, buildVersion: StateSchema.version)) {
                _ = try SyncState.openReadOnly(path: path)
            }
            #expect(throws: StateError.schemaMismatch(path: path, databaseVersion: 0, buildVersion: StateSchema.version)) {
                _ = try SyncState.openForOps(path: path)
            }
            let missing = directory.appendingPathComponent("missing.sqlite").path
            #expect(throws: StoreError.databaseMissing(path: missing)) { _ = try SyncState.openForOps(path: missing) }
            #expect(!FileManager.default.fileExists(atPath: missing))

            let current = directory.appendingPathComponent("current.sqlite").path
            try SyncState.open(path: current).close()
            let reader = try SyncState.openReadOnly(path: current)
            defer { try? reader.close() }
            #expect(throws: StoreError.self) { _ = try reader.openCycle(mapping: "deals") }
        }
    }
}
