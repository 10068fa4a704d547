import Foundation
import Testing
import SyncStore

/// The state database's disk fills up while the daemon runs: each failing cycle is logged
/// once as a full disk naming the file (not "disk I/O error"), `STATUS=` says so, the
/// daemon keeps running and retries, and once there is room a cycle syncs without a
/// duplicate. The full disk is RLIMIT_FSIZE on the daemon alone (`prlimit`): a write past
/// the limit fails with EFBIG as one on a full filesystem fails with ENOSPC, without a mount.
@Suite("A full disk under the running daemon")
struct DiskFullCycleTests {
    @Test func failingCyclesSayTheDiskIsFullAndTheDaemonRetries() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            print("skipped: /usr/bin/prlimit (util-linux) is not installed")
            return
        }
        let setup = try OnceCommandTests.Setup()
        try setup.seed()
        try setup.schedule(interval: "1s", jitter: "10ms")
        // The schema is written without the limit, so the start-up succeeds and the limit
        // bites in a cycle (the WAL grows past it).
        try FileManager.default.createDirectory(atPath: setup.root.appendingPathComponent("state").path,
                                                withIntermediateDirectories: true)
        try SyncState.open(path: setup.database).close()

        let daemon = try DaemonProcess(config: setup.config,
                                       wrapper: ["/usr/bin/env", "--default-signal=XFSZ", "/usr/bin/prlimit", "--fsize=65536", "--"])
        let summary = "file-size limit reached: \(setup.database)"
        let failedCycles = { () -> [String] in
            daemon.stderr.split(separator: "\n").map(String.init).filter { $0.contains("cycle failed") && $0.contains("mapping=deals") }
        }
        let sawStatus = daemon.waitUntil(timeout: 120) {
            failedCycles().count >= 2 && daemon.messages.contains { $0.contains("STATUS=") && $0.contains(summary) }
        }
        #expect(sawStatus, "no full-disk status after two failed cycles; messages: \(daemon.messages.suffix(3)); stderr: \(daemon.stderr)")
        #expect(daemon.process.isRunning, "the daemon stopped: \(daemon.stderr)")
        kill(daemon.pid, SIGTERM)
        #expect(daemon.exitStatus(timeout: 60) == 0, "stderr: \(daemon.stderr)")

        let failed = failedCycles()
        #expect(failed.allSatisfy { $0.contains("reached the largest file size allowed (EFBIG)") && $0.contains(setup.database) },
                "\(failed)")
        #expect(!daemon.stderr.contains("disk I/O error"), "\(daemon.stderr)")
        // Once per failing cycle: every "cycle failed" line names a different cycle.
        let cycles = failed.compactMap { line in line.split(separator: " ").first { $0.hasPrefix("cycle=") } }
        #expect(cycles.count == failed.count && Set(cycles).count == cycles.count, "\(failed)")

        // With room again, the next run settles whatever the full disk left pending and syncs;
        // a create sent before its outcome was refused is found again, not sent twice.
        let run = try setup.once("--mapping", "deals")
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        #expect(setup.sandbox.impartner.store.count("Deal") == 2 && setup.sandbox.salesforce.store.count("Opportunity") == 2)
        let state = try SyncState.openReadOnly(path: setup.database)
        defer { try? state.close() }
        #expect(try state.pendingIntentCount(mapping: "deals") == 0)
    }
}
