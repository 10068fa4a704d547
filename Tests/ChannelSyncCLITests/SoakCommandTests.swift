import Foundation
import Testing

/// The short crash soak CI runs: `channelsync soak` with 50 SIGKILLs of the real daemon
/// under random edits (about 2 min in a debug build), then the end checks on the
/// sandbox and the journal (see `SoakAudit`). A failure prints the seed and the soak
/// directory (daemon.log, the state database) to replay and inspect.
@Suite struct SoakCommandTests {
    /// Stops at 50 kills (about 1.5 min of killing in a debug build, then the settle run);
    /// `--minutes 10` is only a cap for a heavily loaded machine, where restarts are slower.
    @Test
    func fiftyKillsLeaveBothSystemsAgreeingAndTheJournalComplete() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("soak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(["soak", "--kills", "50", "--minutes", "10", "--seed", "424242",
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
