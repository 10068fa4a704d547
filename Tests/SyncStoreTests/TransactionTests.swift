import Foundation
import Testing
@testable import SyncStore

@Suite struct TransactionTests {
    struct Abandon: Error {}

    @Test func commitKeepsRollbackAndThrowDiscard() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            try db.inTransaction { db in
                try insertItem(db, "kept")
                return .commit
            }
            try db.inTransaction { db in
                try insertItem(db, "rolled back")
                return .rollback
            }
            #expect(throws: Abandon.self) {
                try db.inTransaction { db in
                    try insertItem(db, "thrown away")
                    throw Abandon()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.query("SELECT label FROM items") { try $0.decode(String.self, at: 0) } == ["kept"])
        }
    }

    @Test func nestingIsAnError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try createItemsTable(db)
            #expect(throws: StoreError.nestedTransaction(path: path)) {
                try db.inTransaction { db in
                    try insertItem(db, "outer")
                    try db.inTransaction { _ in .commit }
                    return .commit
                }
            }
            #expect(try itemCount(db) == 0)
        }
    }

    @Test func aTransactionSQLiteAlreadyEndedIsNotReportedAsCommitted() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try createItemsTable(db)
            #expect(throws: StoreError.transactionAborted(path: path)) {
                try db.inTransaction { db in
                    try insertItem(db, "lost")
                    try db.execute("ROLLBACK")
                    return .commit
                }
            }
            #expect(try itemCount(db) == 0)
        }
    }

    @Test func aBatchWithOneReusedStatementCommitsAtOnce() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            let insert = try db.cachedStatement("INSERT INTO items (label) VALUES (?)")
            try db.inTransaction { _ in
                for index in 0..<5_000 { try insert.execute([.text("row \(index)")]) }
                return .commit
            }
            #expect(try itemCount(db) == 5_000)
            #expect(try db.scalar("SELECT label FROM items WHERE id = ?", [4_321], as: String.self) == "row 4320")
        }
    }
}
