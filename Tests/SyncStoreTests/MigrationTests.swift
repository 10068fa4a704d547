import Foundation
import Testing
@testable import SyncStore

@Suite struct MigrationTests {
    struct Refusal: Error {}

    static let first = Migration(id: 1, name: "log", sql: """
        CREATE TABLE log (seq INTEGER PRIMARY KEY, step TEXT NOT NULL) STRICT;
        INSERT INTO log (step) VALUES ('one');
        """)
    static let second = Migration(id: 2, name: "links", sql: """
        CREATE TABLE links (id INTEGER PRIMARY KEY, crm_id TEXT NOT NULL) STRICT;
        INSERT INTO log (step) VALUES ('two');
        """)
    static let third = Migration(id: 3, name: "link index") { db in
        try db.executeScript("CREATE INDEX links_crm ON links (crm_id)")
        try db.execute("INSERT INTO log (step) VALUES (?)", ["three"])
    }

    private func recorded(_ db: Database) throws -> [Int] {
        try db.query("SELECT id FROM schema_migrations ORDER BY id") { try $0.decode(Int.self, at: 0) }
    }

    @Test func appliesInNumericOrderWhateverTheDeclarationOrder() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            let migrator = try Migrator([Self.third, Self.first, Self.second])
            #expect(try migrator.migrate(db) == [1, 2, 3])
            #expect(try db.query("SELECT step FROM log ORDER BY seq") { try $0.decode(String.self, at: 0) }
                == ["one", "two", "three"])
            #expect(try recorded(db) == [1, 2, 3])
            #expect(try db.userVersion == 3)
            let names = try db.query("SELECT name, applied_at FROM schema_migrations ORDER BY id") {
                (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1))
            }
            #expect(names.map(\.0) == ["log", "links", "link index"])
            #expect(names.allSatisfy { $0.1.hasSuffix("Z") && $0.1.count == 24 })
            #expect(try migrator.status(of: db).isUpToDate)
        }
    }

    @Test func migratingTwiceAppliesNothingTheSecondTime() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let migrator = try Migrator([Self.first, Self.second])
            let db = try Database(path: path)
            #expect(try migrator.migrate(db) == [1, 2])
            let before = try db.query("SELECT id, applied_at FROM schema_migrations") { try $0.value(at: 1) }
            #expect(try migrator.migrate(db) == [])
            try db.close()

            let again = try Database(path: path)
            defer { try? again.close() }
            #expect(try migrator.migrate(again) == [])
            #expect(try again.query("SELECT id, applied_at FROM schema_migrations") { try $0.value(at: 1) } == before)
            #expect(try again.scalar("SELECT count(*) FROM log", as: Int.self) == 2)

            // A later build adds a migration: only that one runs.
            #expect(try Migrator([Self.first, Self.second, Self.third]).migrate(again) == [3])
        }
    }

    @Test func aFailingMigrationRollsBackOnlyItself() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            let broken = Migration(id: 3, name: "broken", sql: """
                CREATE TABLE cursors (mapping TEXT NOT NULL) STRICT;
                INSERT INTO log (step) VALUES ('three');
                INSERT INTO no_such_table VALUES (1);
                """)
            let error = #expect(throws: StoreError.self) { try Migrator([Self.first, Self.second, broken]).migrate(db) }
            guard case let .migrationFailed(failedPath, id, name, reason) = error else {
                Issue.record("expected migrationFailed, got \(String(describing: error))")
                return
            }
            #expect(failedPath == path && id == 3 && name == "broken")
            #expect(reason.contains("no such table: no_such_table"))
            #expect(error?.description.contains("rolled back") == true)

            #expect(try recorded(db) == [1, 2])
            #expect(try db.userVersion == 2)
            #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'cursors'", as: Int.self) == 0)
            #expect(try db.query("SELECT step FROM log ORDER BY seq") { try $0.decode(String.self, at: 0) } == ["one", "two"])
            #expect(!db.isInTransaction)

            // Fixed in the next build: only the failed one runs.
            #expect(try Migrator([Self.first, Self.second, Self.third]).migrate(db) == [3])
        }
    }

    @Test func aThrowingSwiftMigrationIsRolledBack() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            let refusing = Migration(id: 2, name: "refusing") { db in
                try db.executeScript("CREATE TABLE half (x INTEGER) STRICT")
                throw Refusal()
            }
            #expect(throws: StoreError.self) { try Migrator([Self.first, refusing]).migrate(db) }
            #expect(try recorded(db) == [1])
            #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'half'", as: Int.self) == 0)
        }
    }

    @Test func aMigrationThatBreaksForeignKeysIsRolledBack() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            let dangling = Migration(id: 2, name: "dangling", sql: """
                CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE child (parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED) STRICT;
                INSERT INTO child VALUES (99);
                """)
            let error = #expect(throws: StoreError.self) { try Migrator([Self.first, dangling]).migrate(db) }
            #expect(error?.description.contains("foreign key") == true)
            #expect(try recorded(db) == [1])
        }
    }

    @Test func aNewerSchemaIsRefusedNamingBothVersionsAndLeftUntouched() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let newer = try Database(path: path)
            try Migrator([Self.first, Self.second, Self.third]).migrate(newer)
            try newer.close()
            let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: path))

            let older = try Database(path: path)
            let migrator = try Migrator([Self.first, Self.second])
            let expected = StoreError.newerSchema(path: path, databaseVersion: 3, buildVersion: 2, unknownIDs: [3])
            #expect(throws: expected) { try migrator.migrate(older) }
            #expect(throws: expected) { try migrator.checkCompatible(older) }
            let text = expected.description
            #expect(text.contains("version 3") && text.contains("up to 2") && text.contains("newer"))
            #expect(try recorded(older) == [1, 2, 3])
            try older.close()
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytesBefore)
        }
    }

    @Test func aDivergedHistoryIsRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            let onlyOneAndThree = Migration(id: 3, name: "three without two", sql: "CREATE TABLE t3 (x INTEGER) STRICT")
            try Migrator([Self.first, onlyOneAndThree]).migrate(db)
            let withTwo = try Migrator([Self.first, Self.second, onlyOneAndThree])
            #expect(throws: StoreError.migrationHistoryMismatch(path: path, missingID: 2, laterAppliedID: 3)) {
                try withTwo.migrate(db)
            }
            #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'links'", as: Int.self) == 0)
        }
    }

    @Test func somebodyElsesDatabaseIsRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("other.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try db.executeScript("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
            #expect(throws: StoreError.foreignDatabase(path: path, tables: ["invoices"])) {
                try Migrator([Self.first]).migrate(db)
            }
            #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'", as: Int.self) == 0)
        }
    }

    @Test func invalidMigrationListsAreRejected() {
        #expect(throws: StoreError.self) { try Migrator([Self.first, Migration(id: 1, name: "again", sql: "")]) }
        #expect(throws: StoreError.self) { try Migrator([Migration(id: 0, name: "zero", sql: "")]) }
        #expect(throws: StoreError.self) { try Migrator([Migration(id: -4, name: "negative", sql: "")]) }
    }

    @Test func aReadOnlyConnectionReportsStatusButNeverMigrates() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let writer = try Database(path: path)
            defer { try? writer.close() }
            try Migrator([Self.first]).migrate(writer)

            let reader = try Database(path: path, options: .readOnly)
            defer { try? reader.close() }
            let migrator = try Migrator([Self.first, Self.second])
            #expect(try migrator.status(of: reader) == MigrationStatus(appliedIDs: [1], pendingIDs: [2], unknownIDs: []))
            #expect(throws: StoreError.readOnlyConnection(path: path, operation: "apply migrations")) {
                try migrator.migrate(reader)
            }
            #expect(try recorded(writer) == [1])
        }
    }
}
