import Foundation
import Testing
@testable import SyncStore

@Suite struct ReadOnlyTests {
    @Test func aMissingFileIsReportedAndNotCreated() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("absent.sqlite").path
            let error = #expect(throws: StoreError.databaseMissing(path: path)) {
                try Database(path: path, options: .readOnly)
            }
            #expect(error?.description.contains("never creates") == true)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func writesAreRefusedByQueryOnlyAndByTheReadOnlyOpen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let writer = try Database(path: path)
            defer { try? writer.close() }
            try createItemsTable(writer)
            try insertItem(writer, "existing")

            let reader = try Database(path: path, options: .readOnly)
            defer { try? reader.close() }
            #expect(try reader.isQueryOnly)
            #expect(try itemCount(reader) == 1)
            let refused = #expect(throws: StoreError.self) { try insertItem(reader, "sneaky") }
            #expect(refused?.resultCode.map { $0.matches(.readOnly) } == true)
            #expect(refused?.description.contains("read-only") == true)
            #expect(throws: StoreError.self) { try reader.executeScript("CREATE TABLE other (x INTEGER) STRICT") }

            // Switching query_only off does not help: the file handle itself is read-only.
            try reader.executeScript("PRAGMA query_only = 0")
            let stillRefused = #expect(throws: StoreError.self) { try insertItem(reader, "sneaky") }
            #expect(stillRefused?.resultCode.map { $0.matches(.readOnly) } == true)

            #expect(try itemCount(writer) == 1)
            #expect(try writer.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'other'", as: Int.self) == 0)
        }
    }

    @Test func queryOnlyAloneRefusesWritesOnAWritableConnection() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            try createItemsTable(db)
            try db.executeScript("PRAGMA query_only = 1")
            let refused = #expect(throws: StoreError.self) { try insertItem(db, "x") }
            #expect(refused?.resultCode.map { $0.matches(.readOnly) } == true)
            try db.executeScript("PRAGMA query_only = 0")
            try insertItem(db, "x")
            #expect(try itemCount(db) == 1)
        }
    }

    /// Without root there is no second user, so the unprivileged variant makes the
    /// directory and files read-only for this user instead (see TwoProcessTests for root).
    @Test(.enabled(if: !runningAsRoot))
    func aReaderWithoutWriteAccessNeedsTheWALFiles() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let writer = try Database(path: path)
            try createItemsTable(writer)
            try insertItem(writer, "kept")
            try writer.close()
            let manager = FileManager.default
            for file in [path, path + "-wal", path + "-shm"] {
                try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file)
            }
            try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            defer { try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }

            let reader = try Database(path: path, options: .readOnly)
            #expect(try itemCount(reader) == 1)
            try reader.close()

            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try manager.removeItem(atPath: path + "-shm")
            try manager.removeItem(atPath: path + "-wal")
            try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            let error = #expect(throws: StoreError.self) { try Database(path: path, options: .readOnly) }
            guard case .walFilesUnavailable = error else {
                Issue.record("expected walFilesUnavailable, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("-shm") == true)
        }
    }
}
