import Foundation
import Testing
@testable import SyncStore

/// A full disk, a used-up quota or the file-size limit must read as such, not as SQLite's
/// "disk I/O error", and must leave the database as it was before the refused transaction.
@Suite struct DiskFullTests {
    struct Case: Sendable, CustomStringConvertible {
        let code: ResultCode
        let systemError: Int32
        let cause: DiskFullCause?
        var description: String { "\(code) errno \(systemError)" }
    }

    static let cases: [Case] = [
        // SQLite turns ENOSPC from write() into SQLITE_FULL and clears the errno.
        Case(code: .full, systemError: 0, cause: .noSpace),
        Case(code: .ioErrorWrite, systemError: ENOSPC, cause: .noSpace),
        Case(code: .ioErrorFsync, systemError: ENOSPC, cause: .noSpace),
        Case(code: .ioErrorShmSize, systemError: ENOSPC, cause: .noSpace),
        Case(code: .ioErrorWrite, systemError: EDQUOT, cause: .quotaExceeded),
        Case(code: .ioErrorWrite, systemError: EFBIG, cause: .fileSizeLimit),
        Case(code: .ioErrorTruncate, systemError: EFBIG, cause: .fileSizeLimit),
        Case(code: .ioError, systemError: ENOSPC, cause: .noSpace),
        // Other I/O failures stay I/O failures.
        Case(code: .ioErrorWrite, systemError: EIO, cause: nil),
        Case(code: .ioErrorWrite, systemError: 0, cause: nil),
        // The errno next to a code that is not an I/O error is stale: ignored.
        Case(code: .busy, systemError: ENOSPC, cause: nil),
        Case(code: .cantOpen, systemError: EDQUOT, cause: nil),
        Case(code: .readOnly, systemError: EFBIG, cause: nil),
        Case(code: .corrupt, systemError: ENOSPC, cause: nil),
    ]

    @Test(arguments: cases)
    func theCauseFollowsTheResultCodeAndTheSystemErrno(_ example: Case) {
        #expect(DiskFullCause(code: example.code, systemError: example.systemError) == example.cause)
        let error = StoreError.failure(path: "/var/lib/channelsync/channelsync.sqlite", code: example.code,
                                       message: "disk I/O error", sql: "COMMIT TRANSACTION", connection: nil,
                                       threadError: example.systemError)
        if let cause = example.cause {
            guard case let .diskFull(path, found, code, freeBytes, sql) = error else {
                Issue.record("expected diskFull, got \(error)")
                return
            }
            #expect(path == "/var/lib/channelsync/channelsync.sqlite" && found == cause && code == example.code)
            #expect(sql == "COMMIT TRANSACTION")
            // The directory does not exist here, so the free space cannot be read.
            #expect(freeBytes == nil)
            #expect(error.resultCode == example.code)
        } else {
            #expect(error == .sqlite(path: "/var/lib/channelsync/channelsync.sqlite", code: example.code,
                                     message: "disk I/O error", sql: "COMMIT TRANSACTION"))
            #expect(error.diskFullSummary == nil)
        }
    }

    @Test func aFullDiskNamesTheFileTheSpaceLeftAndWhatToDo() {
        let error = StoreError.diskFull(path: "/var/lib/channelsync/channelsync.sqlite", cause: .noSpace, code: .full,
                                        freeBytes: 12 << 20, sql: "INSERT INTO journal (at) VALUES (?)")
        let text = error.description
        #expect(text.hasPrefix("no space left on device for /var/lib/channelsync/channelsync.sqlite (12 MiB free on its filesystem)"), "\(text)")
        #expect(text.contains("[SQLITE_FULL (13)]") && text.contains("INSERT INTO journal"))
        #expect(text.contains("Nothing was lost: SQLite rolled the transaction back. A running daemon retries at its next cycle"))
        #expect(text.contains("Free space on that filesystem") && text.contains("SQLITE_TMPDIR"))
        #expect(!text.contains("disk I/O error"))
        #expect(error.diskFullSummary == "disk full: /var/lib/channelsync/channelsync.sqlite, 12 MiB free")

        let fsync = StoreError.diskFull(path: "/srv/state.db", cause: .noSpace, code: .ioErrorFsync, freeBytes: 300 << 10,
                                        sql: nil)
        #expect(fsync.description.hasPrefix("no space left on device for /srv/state.db (300 KiB free on its filesystem) [SQLITE_IOERR_FSYNC (1034)]. "))
        #expect(!fsync.description.contains("SQLITE_TMPDIR"), "an fsync failure is about the database's own filesystem")
    }

    @Test func aQuotaAndAFileSizeLimitSayWhichLimitToRaise() {
        let quota = StoreError.diskFull(path: "/srv/state.db", cause: .quotaExceeded, code: .ioErrorWrite, freeBytes: 5 << 30,
                                        sql: nil)
        #expect(quota.description.hasPrefix("disk quota exceeded for /srv/state.db (5120 MiB free on its filesystem)"))
        #expect(quota.description.contains("raise the disk quota of the user the daemon runs as"))
        #expect(quota.diskFullSummary == "disk quota exceeded: /srv/state.db, 5120 MiB free")

        let limit = StoreError.diskFull(path: "/srv/state.db", cause: .fileSizeLimit, code: .ioErrorWrite, freeBytes: nil,
                                        sql: nil)
        #expect(limit.description.hasPrefix("/srv/state.db reached the largest file size allowed (EFBIG) [SQLITE_IOERR_WRITE (778)]"))
        #expect(limit.description.contains("LimitFSIZE=") && limit.description.contains("Nothing was lost"))
        #expect(limit.diskFullSummary == "file-size limit reached: /srv/state.db")
    }

    @Test func theFreeSpaceIsReadFromTheDatabasesDirectory() throws {
        try withTemporaryDirectory { directory in
            let free = try #require(StoreError.availableBytes(near: directory.appendingPathComponent("state.sqlite").path))
            #expect(free >= 0)
            #expect(StoreError.availableBytes(near: "/no/such/directory/state.sqlite") == nil)
        }
    }

    /// A real `SQLITE_FULL` from inside a statement (the page limit stands in for the
    /// disk, which a test cannot fill portably): it surfaces as `diskFull` with the path,
    /// and the transaction is rolled back.
    @Test func aFullDatabaseInsideAStatementIsDiskFullAndRollsBack() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let db = try Database(path: path)
            defer { try? db.close() }
            try createItemsTable(db)
            try db.inTransaction { db in
                try insertItem(db, "kept")
                return .commit
            }
            let pages = try #require(try db.scalar("PRAGMA page_count", as: Int.self))
            try db.executeScript("PRAGMA max_page_count = \(pages + 2)")
            let error = #expect(throws: StoreError.self) {
                try db.inTransaction { db in
                    for _ in 0..<200 { try insertItem(db, String(repeating: "x", count: 4_000)) }
                    return .commit
                }
            }
            guard case let .diskFull(errorPath, cause, code, freeBytes, sql)? = error else {
                Issue.record("expected diskFull, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path && cause == .noSpace && code == .full && freeBytes != nil)
            #expect(sql?.contains("INSERT INTO items") == true)
            #expect(!db.isInTransaction)
            #expect(try db.scalar("SELECT group_concat(label) FROM items", as: String.self) == "kept")
        }
    }

    /// A real `EFBIG`: the probe writes under a small `RLIMIT_FSIZE` (SIGXFSZ ignored) until
    /// SQLite refuses. SQLite reports it as `SQLITE_IOERR_WRITE` at COMMIT without recording
    /// the errno, which is the case the thread's errno is read for.
    @Test func aFileSizeLimitHitOnCommitSaysSoAndLosesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("state.sqlite").path
            let probe = try ProbeProcess(["fill", path, String(1 << 20)])
            let refused = try probe.readLine()
            let rows = try probe.readLine()
            #expect(try probe.finish() == 0)
            #expect(refused.hasPrefix("refused \(path) reached the largest file size allowed (EFBIG)"), "\(refused)")
            #expect(refused.contains("LimitFSIZE=") && !refused.contains("disk I/O error"), "\(refused)")
            let committed = try #require(Int(rows.dropFirst("rows ".count)))
            #expect(committed > 0 && committed < 16, "\(rows)")

            // Every committed row is still there and the file is sound.
            let db = try Database(path: path)
            defer { try? db.close() }
            #expect(try db.scalar("SELECT count(*) FROM blobs", as: Int.self) == committed)
            #expect(try db.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        }
    }
}
