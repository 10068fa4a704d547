import Foundation
import Testing

/// The short crash soak CI runs: `channelsync soak` with 50 SIGKILLs of the real daemon
/// under random edits (about 1-2 min in a debug build), then the end checks on the
/// sandbox and the journal (see `SoakAudit`). A failure prints the seed and the soak
/// directory (daemon.log, the state database) to replay and inspect.
@Suite struct SoakCommandTests {
    @Test(.disabled("""
        Fails today on daemon bugs the soak found (see docs/RELIABILITY.md, "Known failures"): updates requeued \
        after a kill go dead with NO_TARGET_ID when their record's create was requeued too, and seeded \
        registrations become open channel conflicts instead of links when the first sync is killed. \
        Remove this trait once they are fixed.
        """))
    func fiftyKillsLeaveBothSystemsAgreeingAndTheJournalComplete() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("soak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(["soak", "--kills", "50", "--minutes", "5", "--seed", "424242",
                                           "--dir", directory.path])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)\n(daemon log: \(directory.path)/daemon.log)")
        #expect(result.stdout.contains("Soak passed"))
        #expect(result.stdout.contains("kills           50 SIGKILLs"), "\(result.stdout)")
    }

    @Test func usageErrorsAreRefused() throws {
        for arguments in [["--seed", "minus-one"], ["--minutes", "0"], ["--kills", "0"], ["--dir", ""]] {
            let result = try BinaryRunner.run(["soak"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
    }
}
