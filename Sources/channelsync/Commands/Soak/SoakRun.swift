import Foundation
import Glibc
import Sandbox
import SyncStore

/// The kill-and-restart loop of `channelsync soak` and its tallies.
struct SoakRun {
    let directory: DemoDirectory
    let environment: [String: String]
    let sandbox: SandboxEnvironment
    let console: Console
    private(set) var edits: SoakEdits
    private(set) var starts = 0
    private(set) var kills = 0
    /// Kills the moment the sandbox committed a write the daemon sent.
    private(set) var midWriteKills = 0

    init(directory: DemoDirectory, environment: [String: String], sandbox: SandboxEnvironment, seed: UInt64, console: Console) {
        self.directory = directory
        self.environment = environment
        self.sandbox = sandbox
        self.console = console
        edits = SoakEdits(seed: seed, sandbox: sandbox)
    }

    var databasePath: String { directory.statePath + "/" + SyncState.fileName }

    /// API writes the sandbox committed so far, across systems.
    var sandboxWrites: Int {
        SandboxSystem.allCases.reduce(0) { $0 + sandbox.store($1).writeCount }
    }

    /// Starts the daemon, edits while it runs, SIGKILLs it; again, until `deadline` or `kills`.
    mutating func killAndRestart(until deadline: Date, kills limit: Int?) throws(SoakError) {
        let started = Date()
        while Date() < deadline, kills < (limit ?? .max) {
            let daemon = try start()
            let born = Date()
            let midWrite = edits.below(2) == 0
            let lifetime = 0.15 + 2 * edits.fraction()
            let trigger = sandboxWrites + 1 + edits.below(25)
            var nextEdit = born.addingTimeInterval(0.5 * edits.fraction())
            var onWrite = false
            while true {
                guard daemon.isRunning else {
                    daemon.kill()
                    throw .daemonExited(status: daemon.status, log: directory.logPath)
                }
                let now = Date()
                let age = now.timeIntervalSince(born)
                if midWrite, sandboxWrites >= trigger {
                    onWrite = true
                    break
                }
                if age >= (midWrite ? 4 : lifetime) { break }
                if now >= nextEdit {
                    edits.perform()
                    nextEdit = now.addingTimeInterval(0.6 * edits.fraction())
                }
                usleep(500)
            }
            daemon.kill()
            kills += 1
            if onWrite { midWriteKills += 1 }
            if kills % 25 == 0 {
                console.out("  \(kills) kills (\(midWriteKills) mid-write) · \(edits.total) edits · "
                            + "\(sandboxWrites) sandbox writes · \(Int(Date().timeIntervalSince(started))) s")
            }
        }
    }

    /// A last clean run: waits for two cycles of every mapping that wrote nothing and no
    /// pending write, then SIGTERM; the daemon must stop with status 0.
    mutating func settle(seconds: Int, mappings: [String]) throws(SoakError) {
        let since = Int64(Date().timeIntervalSince1970 * 1000)
        let daemon = try start()
        let deadline = Date().addingTimeInterval(Double(seconds))
        while !isQuiet(since: since, mappings: mappings) {
            guard daemon.isRunning else { throw .daemonExited(status: daemon.status, log: directory.logPath) }
            guard Date() < deadline else {
                daemon.kill()
                throw .notQuiet(seconds: seconds, log: directory.logPath)
            }
            usleep(100_000)
        }
        let status = daemon.terminate()
        guard status == 0 else { throw .unclean(status: status, log: directory.logPath) }
    }

    private mutating func start() throws(SoakError) -> SoakDaemon {
        starts += 1
        return try SoakDaemon(configPath: directory.configPath, logPath: directory.logPath, environment: environment)
    }

    private func isQuiet(since: Int64, mappings: [String]) -> Bool {
        guard let state = try? SyncState.openReadOnly(path: databasePath) else { return false }
        defer { try? state.close() }
        guard (try? state.pendingIntentCount()) == 0 else { return false }
        for mapping in mappings {
            guard let cycles = try? state.cycles(mapping: mapping, limit: 2), cycles.count == 2,
                  cycles.allSatisfy({
                      $0.startedAt >= since && ($0.result == .ok || $0.result == .partial)
                          && $0.counts.writtenCRM + $0.counts.writtenPRM == 0
                  }) else { return false }
        }
        return true
    }
}
