import Foundation
import Testing
@testable import SyncStore

@Suite struct BackupTests {
    @Test func theCopyIsCompleteAndPassesIntegrityCheck() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let copy = directory.appendingPathComponent("backup.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try Migrator([Migration(id: 1, name: "items", sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT")])
                .migrate(db)
            try db.inTransaction { db in
                for index in 0..<1_000 { try insertItem(db, "item \(index)") }
                return .commit
            }
            try db.backup(to: copy)

            let restored = try Database(path: copy, options: .readOnly)
            defer { try? restored.close() }
            #expect(try restored.integrityCheck().isEmpty)
            #expect(try itemCount(restored) == 1_000)
            #expect(try restored.userVersion == 1)
            #expect(try restored.journalMode == "delete") // one self-contained file
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("partial") }.isEmpty)
        }
    }

    @Test func anExistingDestinationIsNeverOverwritten() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let copy = directory.appendingPathComponent("backup.sqlite").path
            try Data("precious".utf8).write(to: URL(fileURLWithPath: copy))
            let db = try Database(path: path)
            defer { try? db.close() }
            #expect(throws: StoreError.backupDestinationExists(path: copy)) { try db.backup(to: copy) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data("precious".utf8))
        }
    }

    @Test func aReadOnlyConnectionBacksUpWhileAnotherProcessHoldsTheWriteLock() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let copy = directory.appendingPathComponent("backup.sqlite").path
            let writer = try Database(path: path)
            defer { try? writer.close() }
            try createItemsTable(writer)
            for index in 0..<10 { try insertItem(writer, "item \(index)") }

            let holder = try ProbeProcess(["hold-write-lock", path])
            #expect(try holder.readLine() == "locked")
            let reader = try Database(path: path, options: .readOnly)
            try reader.backup(to: copy)
            try reader.close()
            try holder.send("release")
            #expect(try holder.finish() == 0)

            let restored = try Database(path: copy, options: .readOnly)
            defer { try? restored.close() }
            #expect(try restored.integrityCheck().isEmpty)
            #expect(try itemCount(restored) == 10)
        }
    }

    @Test func aBackupIntoAMissingDirectoryFailsClearly() throws {
        try withTemporaryDirectory { directory in
            let db = try Database(path: directory.appendingPathComponent("state.sqlite").path)
            defer { try? db.close() }
            let copy = directory.appendingPathComponent("nowhere/backup.sqlite").path
            let error = #expect(throws: StoreError.self) { try db.backup(to: copy) }
            guard case .backupFailed(_, let destination, _, _) = error else {
                Issue.record("expected backupFailed, got \(String(describing: error))")
                return
            }
            #expect(destination == copy)
        }
    }
}
