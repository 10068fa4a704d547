import Foundation
import SyncCore
import Testing
@testable import SyncStore

/// The write protocol survives SIGKILL at any instant: a harness process runs it in a
/// loop against a stand-in remote (its own SQLite file) and is killed again and again;
/// after every kill and after a final clean run the journal and the remote must agree.
///
/// Kill points: most rounds kill at a protocol step chosen from the seed (the harness
/// kills itself there: exactly replayable); one round in four is killed by a timer
/// from here, which also lands inside SQLite's own commits (replayable only roughly).
/// Replay: CHANNELSYNC_CRASH_SEED=N; CHANNELSYNC_CRASH_KILLS=N changes the number of
/// rounds (default 60); CHANNELSYNC_CRASH_TIMER_KILLS=0 keeps only the exact kills.
@Suite struct CrashTests {
    static let pageSize = 6

    @Test func sigkillAtRandomPointsLosesNoWriteAndDuplicatesNoCreate() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["CHANNELSYNC_CRASH_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...999_999)
        let rounds = environment["CHANNELSYNC_CRASH_KILLS"].flatMap { Int($0) } ?? 60
        let timerKills = environment["CHANNELSYNC_CRASH_TIMER_KILLS"] != "0"
        print("CrashTests: seed \(seed), \(rounds) kills (replay with CHANNELSYNC_CRASH_SEED=\(seed))")
        var random = SeededRandom(seed: seed)
        try withTemporaryDirectory { directory in
            let statePath = directory.appendingPathComponent("state.sqlite").path
            let remotePath = directory.appendingPathComponent("remote.sqlite").path
            let common = ["--state", statePath, "--remote", remotePath, "--seed", String(seed),
                          "--page-size", String(Self.pageSize)]
            // Both files and their tables first: a kill while the harness creates them
            // (the stand-in remote's tables are two statements) left a remote the checks
            // cannot read, which says nothing about the write protocol.
            let setup = try HarnessProcess(common + ["--pages-this-run", "0"]).wait()
            try #require(!setup.killed && setup.status == 0, "set-up run (seed \(seed)): \(setup.stderr)")
            var kills = 0
            for round in 1...rounds {
                let byTimer = timerKills && random.next() % 4 == 0
                let killAt = random.next(in: 1...70)
                let delay = random.next(in: 15...160)
                let harness = try HarnessProcess(common + (byTimer ? [] : ["--kill-at-step", String(killAt)]))
                if byTimer {
                    usleep(useconds_t(delay * 1_000))
                    harness.kill()
                }
                let end = harness.wait()
                let point = byTimer ? "timer \(delay) ms" : "step \(killAt)"
                try #require(end.killed && end.status == SIGKILL,
                             "round \(round) (\(point), seed \(seed)): the harness ended with status \(end.status): \(end.stderr)")
                kills += 1
                try checkAfterKill(statePath: statePath, remotePath: remotePath, context: "round \(round) (\(point), seed \(seed))")
            }
            // A clean run finishes what is pending and drains the retries.
            let final = try HarnessProcess(common + ["--pages-this-run", "2"]).wait()
            try #require(!final.killed && final.status == 0, "final run (seed \(seed)): \(final.stderr)")
            try checkFinal(statePath: statePath, remotePath: remotePath, context: "after the final run (seed \(seed))")
            #expect(kills >= 50)
        }
    }

    /// What must hold at any instant, even right after a kill.
    func checkAfterKill(statePath: String, remotePath: String, context: String) throws {
        let state = try SyncState.openReadOnly(path: statePath)
        defer { try? state.close() }
        let remote = try Database(path: remotePath, options: .readOnly)
        defer { try? remote.close() }
        // No create duplicated.
        let duplicates = try remote.query(
            "SELECT external_id, count(*) FROM records GROUP BY external_id HAVING count(*) > 1") { try $0.decode(String.self, at: 0) }
        #expect(duplicates.isEmpty, "\(context): created twice on the remote: \(duplicates)")
        // Every write the remote accepted was journaled as an intent first.
        let log = try remote.query("SELECT write_id, external_id FROM write_log") {
            (try $0.decode(Int64.self, at: 0), try $0.decode(String.self, at: 1))
        }
        for (writeID, externalID) in log {
            let write = try state.write(id: writeID)
            #expect(write?.externalID == externalID, "\(context): remote write \(writeID) has no matching intent")
            if let first = write?.intentSeqs.first {
                let intent = try state.journal(JournalQuery(since: nil, afterSeq: first - 1, throughSeq: first, limit: 1, newest: false))
                #expect(intent.first?.status == .pending && intent.first?.writeID == writeID,
                        "\(context): write \(writeID)'s intent row is missing")
            }
        }
        // The cursor is never ahead of an unfinished intent.
        let cursorPage = try page(ofCursor: state)
        for write in try state.pendingWrites() {
            let rows = try state.journal(JournalQuery(afterSeq: (write.intentSeqs.first ?? 1) - 1,
                                                      throughSeq: write.intentSeqs.last, limit: 100, newest: false))
            for row in rows {
                let page = Int(row.detail?.split(separator: " ").first?.dropFirst("page=".count) ?? "") ?? -1
                #expect(page >= cursorPage, "\(context): cursor at page \(cursorPage) passed pending write \(write.id) of page \(page)")
            }
        }
        let report = try state.check()
        #expect(report.isSound, "\(context): \(report.integrity + report.foreignKeys + report.invariants)")
    }

    /// After a clean run: everything settled, and the journal matches the remote.
    func checkFinal(statePath: String, remotePath: String, context: String) throws {
        try checkAfterKill(statePath: statePath, remotePath: remotePath, context: context)
        let state = try SyncState.openReadOnly(path: statePath)
        defer { try? state.close() }
        let remote = try Database(path: remotePath, options: .readOnly)
        defer { try? remote.close() }
        #expect(try state.pendingWrites().isEmpty, "\(context): writes still pending")
        let open = try state.failures()
        #expect(open.isEmpty, "\(context): failures not drained: \(open.map(\.id))")
        // Every accepted write has an applied outcome in the journal.
        var appliedVersions: [String: Int] = [:]
        let log = try remote.query("SELECT write_id, external_id, version FROM write_log") {
            (try $0.decode(Int64.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Int.self, at: 2))
        }
        for (writeID, externalID, version) in log {
            let write = try #require(try state.write(id: writeID), "\(context): write \(writeID) is not in the store")
            let outcome = try state.journal(JournalQuery(afterSeq: (write.outcomeSeq ?? 1) - 1, throughSeq: write.outcomeSeq,
                                                         limit: 1, newest: false)).first
            #expect(outcome?.status == .applied && outcome?.intentSeq == write.intentSeqs.first,
                    "\(context): remote write \(writeID) has no applied outcome")
            appliedVersions[externalID] = max(appliedVersions[externalID] ?? 0, version)
        }
        // Every record of every finished page exists once, linked to the remote id,
        // at the newest version the journal says was applied.
        let pages = try page(ofCursor: state)
        #expect(pages >= 1, "\(context): no page finished")
        for record in 0..<(pages * Self.pageSize) {
            let externalID = "S\(record)"
            let found = try remote.query("SELECT id, version FROM records WHERE external_id = ?", [.text(externalID)]) {
                (String(try $0.decode(Int64.self, at: 0)), try $0.decode(Int.self, at: 1))
            }
            #expect(found.count == 1, "\(context): \(externalID) exists \(found.count) times on the remote")
            guard let (id, version) = found.first else { continue }
            #expect(try state.link(id: "L\(record)")?.prmID == id, "\(context): link L\(record) does not hold remote id \(id)")
            let journaled = appliedVersions[externalID] ?? 0
            #expect(journaled == version,
                    "\(context): \(externalID) is at version \(version) remotely, the journal's newest applied write says \(journaled)")
        }
    }

    func page(ofCursor state: SyncState) throws -> Int {
        guard let cursor = try state.cursor(mapping: "deals", side: .crm),
              case let .object(members)? = try? JSONParser().parse(cursor.value),
              case let .number(page)? = members["page"] else { return 0 }
        return Int(page.description) ?? 0
    }
}
