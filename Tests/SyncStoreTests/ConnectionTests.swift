import Foundation
import Testing
@testable import SyncStore

@Suite struct ConnectionTests {
    @Test func readWriteOpenReadsBackWALAndFullSynchronous() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            #expect(try db.journalMode == "wal")
            #expect(try db.synchronous == 2)
            #expect(try db.foreignKeysEnabled)
            #expect(try db.scalar("PRAGMA trusted_schema", as: Int.self) == 0)
            #expect(try !db.isQueryOnly)
            try db.close()

            // WAL is a property of the file: a later plain reader sees it too.
            let reader = try Database(path: path, options: .readOnly)
            defer { try? reader.close() }
            #expect(try reader.journalMode == "wal")
        }
    }

    /// Memory statistics cost every SQLite allocation a process-wide mutex the daemon's
    /// threads queued on; they must be off before the first connection opens.
    @Test func openingAConnectionTurnsSQLiteMemoryStatisticsOff() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try db.executeScript("CREATE TABLE t (x TEXT) STRICT; INSERT INTO t VALUES ('a'), ('b');")
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 2)
            #expect(!Database.libraryCountsMemory)
        }
    }

    @Test func foreignKeysAndStrictTypesAreEnforced() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try db.executeScript("""
                CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id)) STRICT;
                CREATE TABLE typed (n INTEGER NOT NULL) STRICT;
                """)
            let orphan = #expect(throws: StoreError.self) { try db.execute("INSERT INTO child (parent) VALUES (?)", [7]) }
            #expect(orphan?.resultCode == .constraintForeignKey)

            let wrongType = #expect(throws: StoreError.self) {
                try db.execute("INSERT INTO typed (n) VALUES (?)", ["not a number"])
            }
            #expect(wrongType?.resultCode == .constraintDataType)
        }
    }

    @Test func closedDatabaseAndItsStatementsThrowInsteadOfCrashing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            let statement = try db.cachedStatement("SELECT 1")
            try db.close()
            try db.close() // idempotent
            #expect(!db.isOpen)
            #expect(throws: StoreError.closed(path: path)) { try db.execute("SELECT 1") }
            #expect(throws: StoreError.closed(path: path)) { try statement.execute() }
            #expect(db.lastInsertRowID == 0)
        }
    }

    @Test func tooOldSQLiteIsRefusedWithBothVersions() throws {
        #expect(throws: Never.self) { try Database.checkLibraryVersion(3_040_001) }
        let error = #expect(throws: StoreError.self) { try Database.checkLibraryVersion(3_036_000) }
        #expect(error == .unsupportedSQLite(found: "3.36.0", required: "3.37.0"))
        #expect(error?.description.contains("3.36.0") == true)
        #expect(error?.description.contains("3.37.0") == true)
    }

    @Test func userVersionAndRowCountersReadBack() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            #expect(try db.userVersion == 0)
            try db.setUserVersion(42)
            #expect(try db.userVersion == 42)
            #expect(throws: StoreError.self) { try db.setUserVersion(Int(Int32.max) + 1) }

            try createItemsTable(db)
            try insertItem(db, "a")
            #expect(db.lastInsertRowID == 1)
            try insertItem(db, "b")
            #expect(db.lastInsertRowID == 2)
            try db.execute("UPDATE items SET label = ?", ["c"])
            #expect(db.changes == 2)
            #expect(try db.integrityCheck().isEmpty)
        }
    }

    @Test func resultCodesMatchBroadlyOrExactly() {
        let unique = ResultCode.constraintUnique
        #expect(unique.primary == .constraint)
        #expect(ResultCode.constraint ~= unique)
        #expect(ResultCode.constraintUnique ~= unique)
        #expect(!(ResultCode.constraintForeignKey ~= unique))
        #expect(!(ResultCode.busy ~= unique))
        // Symmetric: the order of the operands does not matter.
        #expect(unique ~= ResultCode.constraint)
        #expect(unique.matches(.constraint) && !unique.matches(.constraintCheck))
        #expect(!(ResultCode.constraintCheck ~= unique))
        switch ResultCode.readOnlyDirectory {
        case .busy: Issue.record("matched the wrong family")
        case .readOnly: break
        default: Issue.record("did not match its family")
        }
        #expect(unique.description == "SQLITE_CONSTRAINT_UNIQUE (2067)")
    }
}
