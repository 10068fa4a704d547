import Foundation
import SyncStore
import Testing

/// The ops commands read while a writer commits, never write themselves, and work for
/// another user who may only read the files.
@Suite struct ConcurrentAccessTests {
    /// Appends plans and outcomes until `stop` is set; returns how many writes it made.
    final class Writer: @unchecked Sendable {
        // Invariant for @unchecked Sendable: `stop` and `written` are touched under `lock`;
        // the SyncState lives and dies on the writer's thread.
        private let lock = NSLock()
        private var stop = false
        private var written = 0
        private var failure: String?
        private let done = DispatchSemaphore(value: 0)

        func start(path: String) {
            Thread.detachNewThread { [self] in
                defer { done.signal() }
                do {
                    let state = try SyncState.open(path: path)
                    defer { try? state.close() }
                    var index = 0
                    while !lock.withLock({ stop }) {
                        index += 1
                        let receipt = try state.recordPlan(PlanBatch(intents: (0..<20).map { offset in
                            IntentDraft(mapping: "bulk", linkID: nil,
                                        write: WriteDraft(side: .prm, operation: .update, recordID: "B-\(index)-\(offset)",
                                                          payload: "{}"),
                                        entries: [JournalDraft(mapping: "bulk", crmID: "C-\(index)-\(offset)", direction: .toPRM,
                                                               operation: "update", rule: "propagate.crm")])
                        }))
                        try state.recordOutcomes(OutcomeBatch(outcomes: receipt.tickets.map { .applied($0.writeID) }))
                        lock.withLock { written += 20 }
                    }
                } catch {
                    lock.withLock { failure = String(describing: error) }
                }
            }
        }

        func finish() -> (written: Int, failure: String?) {
            lock.withLock { stop = true }
            done.wait()
            return lock.withLock { (written, failure) }
        }
    }

    @Test func readersWorkWhileAWriterCommits() throws {
        try withFixture { fixture, _ in
            let writer = Writer()
            writer.start(path: fixture.path)
            var previous = 0
            for round in 0..<6 {
                let journal = try BinaryRunner.run(["journal", "--db", fixture.path, "--mapping", "bulk", "--json", "--limit", "1000000"])
                #expect(journal.status == 0, "round \(round): \(journal.stderr)")
                let count = (try jsonObject(journal.stdout)["rows"] as? [Any])?.count ?? -1
                #expect(count >= previous, "round \(round): the journal shrank from \(previous) to \(count)")
                #expect(count % 20 == 0, "round \(round): a half-committed batch was visible (\(count) rows)")
                previous = count
                for command in [["status", "--json"], ["failures", "--json"], ["conflicts", "--json"], ["db", "check"]] {
                    let result = try BinaryRunner.run(command + ["--db", fixture.path])
                    #expect(result.status == 0, "round \(round) \(command): \(result.stderr)")
                }
            }
            let (written, failure) = writer.finish()
            #expect(failure == nil, "the writer failed: \(failure ?? "")")
            #expect(written > 0)
        }
    }

    @Test func readCommandsLeaveTheFilesUntouched() throws {
        try withFixture { fixture, directory in
            let files = [fixture.path, fixture.path + "-wal", fixture.path + "-shm"]
            let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            let copy = directory.appendingPathComponent("backup.sqlite").path
            for command in [["journal"], ["journal", "--record", "006A"], ["show", "006A"], ["conflicts"], ["failures"],
                            ["status"], ["db", "check"], ["db", "backup", copy], ["db", "prune", "--older-than", "1h", "--dry-run"]] {
                let result = try BinaryRunner.run(command + ["--db", fixture.path])
                #expect(result.status == 0, "\(command): \(result.stderr)")
            }
            let after = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            // The database file and its WAL are byte-for-byte the same. (Readers may
            // touch the -shm index's read marks; that is shared memory, not data.)
            #expect(after[0] == before[0] && after[1] == before[1])
        }
    }

    @Test func anotherUserWhoMayOnlyReadTheFilesCanUseTheReadCommands() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        try withFixture { fixture, directory in
            // The daemon's files stay owned by root, readable by others; the directory
            // is not writable for them.
            for file in [fixture.path, fixture.path + "-wal", fixture.path + "-shm"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", BinaryRunner.binary.path]
            for command in [["journal", "--json"], ["status", "--json"], ["show", "006A"], ["db", "check"]] {
                let result = try BinaryRunner.run(asNobody + command + ["--db", fixture.path], executable: "/usr/bin/setpriv")
                #expect(result.status == 0, "\(command) as nobody: \(result.stderr)")
            }
            let write = try BinaryRunner.run(asNobody + ["retry", String(fixture.deadFailure), "--db", fixture.path],
                                             executable: "/usr/bin/setpriv")
            #expect(write.status == 1, "a user who may not write was able to: \(write.stdout)")
        }
    }
}
