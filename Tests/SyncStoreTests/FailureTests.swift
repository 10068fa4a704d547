import Foundation
import Testing
@testable import SyncStore

@Suite struct FailureTests {
    @Test(arguments: [Database.Options.Access.readWrite, .readOnly])
    func aFileOfRandomBytesIsRefusedClearlyAndLeftAlone(access: Database.Options.Access) throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("garbage.sqlite").path
            let garbage = garbageBytes(count: 16_384)
            try garbage.write(to: URL(fileURLWithPath: path))

            let error = #expect(throws: StoreError.self) { try Database(path: path, options: Database.Options(access: access)) }
            #expect(error?.resultCode == .notADatabase)
            let text = error?.description ?? ""
            #expect(text.contains(path) && text.contains("not a database") && text.contains("backup"), "\(text)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        }
    }

    @Test func damagedPagesShowUpInTheIntegrityCheck() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            try createItemsTable(db)
            try db.executeScript("CREATE INDEX items_label ON items (label)")
            try db.inTransaction { db in
                for index in 0..<2_000 { try insertItem(db, "label number \(index) with some padding text") }
                return .commit
            }
            try db.close() // checkpoints everything into the main file

            let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try file.seek(toOffset: 4_096 * 3)
            try file.write(contentsOf: garbageBytes(count: 4_096 * 4))
            try file.close()

            let damaged = try Database(path: path)
            defer { try? damaged.close() }
            let problems = try damaged.integrityCheck()
            #expect(!problems.isEmpty)
        }
    }

    @Test func aMissingDirectoryIsNamedWithTheSystemError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing/state.sqlite").path
            let error = #expect(throws: StoreError.self) { try Database(path: path) }
            guard case let .cannotOpen(errorPath, code, _, systemError) = error else {
                Issue.record("expected cannotOpen, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path && code.matches(.cantOpen) && systemError == ENOENT)
            #expect(error?.description.contains("No such file or directory") == true)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("missing").path))
        }
    }

    @Test func aFileInPlaceOfTheDirectoryIsNamedWithTheSystemError() throws {
        try withTemporaryDirectory { directory in
            let blocker = directory.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: blocker)
            let path = blocker.appendingPathComponent("state.sqlite").path
            let error = #expect(throws: StoreError.self) { try Database(path: path) }
            guard case let .cannotOpen(_, _, _, systemError) = error else {
                Issue.record("expected cannotOpen, got \(String(describing: error))")
                return
            }
            #expect(systemError == ENOTDIR)
            #expect(error?.description.contains("Not a directory") == true)
        }
    }

    /// An unprivileged process gets EACCES in a read-only directory; root ignores the mode
    /// bits, so as root another user (`nobody`, via the probe) tries instead.
    @Test func anUnwritableDirectoryGivesAClearError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            if runningAsRoot {
                let probe = try ProbeProcess(["create", path] + asAnotherUser)
                let answer = try probe.readLine()
                #expect(answer.hasPrefix("error cannot open database \(path)"), "\(answer)")
                #expect(answer.contains("Permission denied"), "\(answer)")
                #expect(try probe.finish() == 1)
            } else {
                try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
                let error = #expect(throws: StoreError.self) { try Database(path: path) }
                guard case let .cannotOpen(_, _, _, systemError) = error else {
                    Issue.record("expected cannotOpen, got \(String(describing: error))")
                    return
                }
                #expect(systemError == EACCES)
                #expect(error?.description.contains("Permission denied") == true)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    /// A writable database file in a directory where the -wal file cannot be created.
    @Test func aWritableFileInAnUnwritableDirectoryGivesAClearError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let setup = try Database(path: path, options: Database.Options(persistentWAL: false))
            try createItemsTable(setup)
            try setup.close()
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
            try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
            if runningAsRoot {
                let probe = try ProbeProcess(["create", path] + asAnotherUser)
                let answer = try probe.readLine()
                #expect(answer.hasPrefix("error cannot open database \(path)"), "\(answer)")
                #expect(try probe.finish() == 1)
            } else {
                try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
                let error = #expect(throws: StoreError.self) { try Database(path: path) }
                guard case .cannotOpen = error else {
                    Issue.record("expected cannotOpen, got \(String(describing: error))")
                    return
                }
            }
        }
    }

    /// SQLite would quietly open a write-protected file read-only; the daemon refuses.
    @Test func aWriteProtectedFileIsRefusedForWriting() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let setup = try Database(path: path, options: Database.Options(persistentWAL: false))
            try createItemsTable(setup)
            try setup.close()
            if runningAsRoot {
                // nobody may create files in the directory but not write the database.
                try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
                let probe = try ProbeProcess(["create", path] + asAnotherUser)
                let answer = try probe.readLine()
                #expect(answer.hasPrefix("error cannot open database \(path): the file is not writable"), "\(answer)")
                #expect(answer.contains("Permission denied"), "\(answer)")
                #expect(try probe.finish() == 1)
            } else {
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
                let error = #expect(throws: StoreError.self) { try Database(path: path) }
                guard case let .cannotOpen(_, _, message, systemError) = error else {
                    Issue.record("expected cannotOpen, got \(String(describing: error))")
                    return
                }
                #expect(message == "the file is not writable" && systemError == EACCES)
            }
        }
    }

    /// WAL is verified by reading journal_mode back: an in-memory database cannot do WAL.
    @Test func aJournalModeOtherThanWALIsRefused() {
        #expect(throws: StoreError.walNotEnabled(path: ":memory:", journalMode: "memory")) {
            try Database(path: ":memory:")
        }
    }
}
