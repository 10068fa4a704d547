import Foundation
import Testing
@testable import SyncStore

/// The daemon writes while the ops CLI reads from another process: these run a real
/// second process (`syncstore-probe`), because SQLite's cross-process locking is what
/// they depend on.
@Suite struct TwoProcessTests {
    @Test func aReaderProcessSeesCommitsAndNeverBlocksTheWriter() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            // No busy timeout: if the reader ever held the writer up, a write would fail at once.
            let writer = try Database(path: path, options: Database.Options(busyTimeout: .zero))
            defer { try? writer.close() }
            try createItemsTable(writer)
            for index in 0..<5 { try insertItem(writer, "row \(index)") }

            let reader = try ProbeProcess(["read", path])
            #expect(try reader.readLine() == "ready")
            #expect(try reader.ask("count") == "count 5")

            // The reader holds a read transaction open while the writer commits.
            #expect(try reader.ask("begin") == "began 5")
            for index in 5..<15 {
                try writer.inTransaction { db in
                    try insertItem(db, "row \(index)")
                    return .commit
                }
            }
            #expect(try reader.ask("count") == "count 5") // its snapshot is stable
            #expect(try reader.ask("commit") == "committed")
            #expect(try reader.ask("count") == "count 15") // and then it sees every commit

            // The reader polls as fast as it can while the writer commits one row at a time.
            try reader.send("poll 315")
            for index in 15..<315 {
                try writer.inTransaction { db in
                    try insertItem(db, "row \(index)")
                    return .commit
                }
            }
            let polled = try reader.readLine()
            #expect(polled.hasPrefix("polled ") && polled.hasSuffix(" final=315 monotonic=true"), "\(polled)")

            let write = try reader.ask("write")
            #expect(write.hasPrefix("write-refused ") && write.contains("SQLITE_READONLY"), "\(write)")
            try reader.send("quit")
            #expect(try reader.finish() == 0)
            #expect(try itemCount(writer) == 315)
        }
    }

    @Test func aWriterProcessHoldingTheLockMakesWritesFailClearlyThenSucceed() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path, options: Database.Options(busyTimeout: .milliseconds(200)))
            defer { try? db.close() }
            try createItemsTable(db)

            let holder = try ProbeProcess(["hold-write-lock", path])
            #expect(try holder.readLine() == "locked")
            let error = #expect(throws: StoreError.self) { try insertItem(db, "blocked") }
            #expect(error?.resultCode.map { $0.matches(.busy) } == true)
            let text = error?.description ?? ""
            #expect(text.contains(path) && text.contains("INSERT INTO items") && text.contains("busy timeout"), "\(text)")
            #expect(!text.contains("blocked"))
            #expect(try itemCount(db) == 0) // reading still works under WAL

            try holder.send("release")
            #expect(try holder.readLine() == "released")
            #expect(try holder.finish() == 0)
            try insertItem(db, "after")
            #expect(try itemCount(db) == 1)
        }
    }

    @Test func anExclusiveLockHolderMakesOpeningFailClearly() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let setup = try Database(path: path)
            try createItemsTable(setup)
            try setup.close()

            let holder = try ProbeProcess(["hold-exclusive", path])
            #expect(try holder.readLine() == "locked")
            let quick = Database.Options(busyTimeout: .milliseconds(200))
            for options in [quick, Database.Options(access: .readOnly, busyTimeout: .milliseconds(200))] {
                let error = #expect(throws: StoreError.self) { try Database(path: path, options: options) }
                #expect(error?.resultCode.map { $0.matches(.busy) } == true, "\(String(describing: error))")
                #expect(error?.description.contains(path) == true)
            }
            try holder.send("release")
            #expect(try holder.readLine() == "released")
            #expect(try holder.finish() == 0)

            let db = try Database(path: path, options: quick)
            defer { try? db.close() }
            #expect(try itemCount(db) == 1)
        }
    }

    /// Another user (the probe drops to `nobody`) may read the files but not write them or
    /// the directory: it reads while the daemon writes, and after the daemon closed, as long
    /// as the -wal/-shm files are kept; without them it gets a clear error.
    @Test(.enabled(if: runningAsRoot))
    func anotherUserWithoutWriteAccessReadsTheLiveDatabase() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let writer = try Database(path: path)
            try createItemsTable(writer)
            try insertItem(writer, "first")

            let reader = try ProbeProcess(["read", path] + asAnotherUser)
            #expect(try reader.readLine() == "ready")
            #expect(try reader.ask("count") == "count 1")
            try insertItem(writer, "second")
            #expect(try reader.ask("count") == "count 2")
            let write = try reader.ask("write")
            #expect(write.hasPrefix("write-refused "), "\(write)")
            try reader.send("quit")
            #expect(try reader.finish() == 0)

            try writer.close() // persistent WAL keeps -wal and -shm
            let later = try ProbeProcess(["read", path] + asAnotherUser)
            #expect(try later.readLine() == "ready")
            #expect(try later.ask("count") == "count 2")
            try later.send("quit")
            #expect(try later.finish() == 0)

            try FileManager.default.removeItem(atPath: path + "-wal")
            try FileManager.default.removeItem(atPath: path + "-shm")
            let stranded = try ProbeProcess(["read", path] + asAnotherUser)
            let answer = try stranded.readLine()
            #expect(answer.hasPrefix("error cannot read \(path) read-only"), "\(answer)")
            #expect(answer.contains("-shm") && answer.contains("wal.html#readonly"), "\(answer)")
            #expect(try stranded.finish() == 1)
        }
    }
}
