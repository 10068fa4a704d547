import Foundation
import Testing
@testable import SyncStore

@Suite struct BindingTests {
    static let hostile = [
        "'); DROP TABLE items; --",
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "x'; DELETE FROM items WHERE '1'='1",
        "Robert'); DROP TABLE students;--",
    ]

    @Test func injectionStringsAreStoredVerbatimAndMatchOnlyThemselves() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            try insertItem(db, "innocent")
            for text in Self.hostile { try insertItem(db, text) }

            #expect(try itemCount(db) == Self.hostile.count + 1)
            let stored = try db.query("SELECT label FROM items WHERE id > 1 ORDER BY id") { try $0.decode(String.self, at: 0) }
            #expect(stored == Self.hostile)
            for text in Self.hostile {
                let matches = try db.query("SELECT label FROM items WHERE label = ?", [.text(text)]) {
                    try $0.decode(String.self, at: 0)
                }
                #expect(matches == [text])
            }
            #expect(try db.query("SELECT id FROM items WHERE label = ?", ["' OR 1=1 --x"]) { _ in 0 }.isEmpty)
            #expect(try db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'items'", as: Int.self) == 1)
        }
    }

    @Test func valuesRoundTripExactly() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try db.executeScript("CREATE TABLE v (id INTEGER PRIMARY KEY, value ANY) STRICT")
            let values: [DatabaseValue] = [
                .null, .integer(.min), .integer(.max), .integer(0), .real(-0.5), .real(1e300),
                .text(""), .text("naïve 名前 🚀"), .text("nul\u{0}inside"), .blob(Data()), .blob(Data([0, 1, 255])),
            ]
            for value in values { try db.execute("INSERT INTO v (value) VALUES (?)", [value]) }
            let read = try db.query("SELECT value FROM v ORDER BY id") { try $0.value(at: 0) }
            #expect(read == values)

            #expect(try db.scalar("SELECT ?", [DatabaseValue(true)], as: Bool.self) == true)
            #expect(try db.scalar("SELECT ?", [DatabaseValue(Optional<String>.none)], as: String.self) == nil)
            #expect(try db.scalar("SELECT ?", [DatabaseValue(Int32(-7))], as: Int32.self) == -7)
            #expect(try db.scalar("SELECT ?", [.integer(3)], as: Double.self) == 3.0)
        }
    }

    @Test func argumentCountMustMatchPlaceholders() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            let sql = "INSERT INTO items (id, label) VALUES (?, ?)"
            #expect(throws: StoreError.argumentCount(sql: sql, expected: 2, given: 1)) { try db.execute(sql, ["x"]) }
            #expect(throws: StoreError.argumentCount(sql: sql, expected: 2, given: 3)) { try db.execute(sql, [1, "x", 2]) }
            #expect(try itemCount(db) == 0)
        }
    }

    @Test func aSecondStatementInTheTextIsRefused() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            let sql = "SELECT 1; DROP TABLE items"
            #expect(throws: StoreError.multipleStatements(sql: sql)) { try db.execute(sql) }
            #expect(try itemCount(db) == 0)
            // Trailing separators and comments are not a second statement.
            #expect(try db.scalar("SELECT 2; -- done\n", as: Int.self) == 2)
        }
    }

    @Test func errorsNameSQLAndCodeButNeverTheBoundValue() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try db.executeScript("CREATE TABLE people (email TEXT NOT NULL UNIQUE) STRICT")
            let secret = "jane.doe@example.com"
            let sql = "INSERT INTO people (email) VALUES (?)"
            try db.execute(sql, [.text(secret)])
            let error = #expect(throws: StoreError.self) { try db.execute(sql, [.text(secret)]) }
            let text = error?.description ?? ""
            #expect(error?.resultCode == .constraintUnique)
            #expect(text.contains(sql))
            #expect(text.contains(path))
            #expect(text.contains("SQLITE_CONSTRAINT_UNIQUE"))
            #expect(text.contains("UNIQUE constraint failed: people.email"))
            #expect(!text.contains(secret))

            let mismatch = #expect(throws: StoreError.self) {
                _ = try db.query("SELECT email FROM people") { try $0.decode(Int.self, at: 0) }
            }
            #expect(mismatch == .columnType(sql: "SELECT email FROM people", index: 0, name: "email",
                                            expected: "Int", found: "TEXT"))
            #expect(mismatch?.description.contains(secret) == false)
        }
    }

    @Test func nullAndMissingColumnsAreErrorsNotDefaults() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            #expect(throws: StoreError.self) { _ = try db.first("SELECT NULL AS x") { try $0.decode(String.self, at: 0) } }
            #expect(try db.first("SELECT NULL AS x") { try $0.decodeIfPresent(String.self, at: 0) } == .some(nil))
            #expect(throws: StoreError.columnOutOfRange(sql: "SELECT 1", index: 1, count: 1)) {
                _ = try db.first("SELECT 1") { try $0.value(at: 1) }
            }
        }
    }

    @Test func cachedStatementsAreReusedAndSafeToNest() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            let sql = "SELECT id FROM items WHERE id > ? ORDER BY id"
            #expect(try db.cachedStatement(sql) === db.cachedStatement(sql))
            for label in ["a", "b", "c"] { try insertItem(db, label) }
            // The same SQL inside its own row loop gets a fresh statement, not a reset one.
            var pairs: [[Int]] = []
            try db.forEach(sql, [0]) { row in
                let id = try row.decode(Int.self, at: 0)
                pairs.append(try db.query(sql, [.integer(Int64(id))]) { try $0.decode(Int.self, at: 0) })
            }
            #expect(pairs == [[2, 3], [3], []])
        }
    }

    /// The cache hashes only a statement's length and its ends: texts that differ in the
    /// middle only must get their own statements, and a text built anew the cached one.
    @Test func cachedStatementsAreFoundByTheirWholeText() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            for label in ["a", "b"] { try insertItem(db, label) }
            let padding = String(repeating: " ", count: 40)
            func select(_ comparison: String) -> String { "SELECT id FROM items WHERE\(padding)id \(comparison) ?\(padding)" }
            let equal = try db.cachedStatement(select("="))
            #expect(try db.cachedStatement(select(">")) !== equal)
            #expect(try db.cachedStatement(select("=")) === equal, "the same text, built again, got a new statement")
            #expect(try db.query(select("="), [1]) { try $0.decode(Int.self, at: 0) } == [1])
            #expect(try db.query(select(">"), [1]) { try $0.decode(Int.self, at: 0) } == [2])
        }
    }

    @Test func aRowKeptPastItsStepCannotBeRead() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            let rows = try db.query("SELECT 1 UNION ALL SELECT 2") { $0 }
            #expect(rows.count == 2)
            #expect(throws: StoreError.self) { _ = try rows[0].value(at: 0) }
        }
    }
}
