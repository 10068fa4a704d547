import Foundation
import Testing

/// Every ops command documents every flag it takes, rejects flags it does not, and
/// appears in the overview.
@Suite struct OpsHelpTests {
    static let database = ["--db", "--config"]
    static let commands: [(words: [String], flags: [String])] = [
        (["journal"], ["--mapping", "--record", "--since", "--until", "--op", "--status", "--limit", "--json", "--follow",
                       "--interval", "--wide"] + database),
        (["show"], ["--limit", "--json", "--wide"] + database),
        (["conflicts"], ["--mapping", "--state", "--json", "--wide"] + database),
        (["conflicts", "resolve"], ["--take", "--value", "--json"] + database),
        (["failures"], ["--mapping", "--state", "--json", "--wide"] + database),
        (["retry"], ["--all", "--mapping", "--json"] + database),
        (["status"], ["--mapping", "--json"] + database),
        (["db", "check"], ["--json"] + database),
        (["db", "backup"], ["--json"] + database),
        (["db", "prune"], ["--older-than", "--dry-run", "--json"] + database),
        (["bench", "journal"], ["--rows", "--batch", "--json"]),
        (["bench", "lookup"], ["--rows", "--lookups", "--path", "--json"]),
    ]

    @Test func helpDocumentsEveryFlagAndTheExitCodes() throws {
        let overview = try BinaryRunner.run(["--help"]).stdout
        for (words, flags) in Self.commands {
            let help = try BinaryRunner.run(words + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: channelsync \(words.joined(separator: " "))"))
            #expect(help.stdout.contains("EXIT CODES"))
            for flag in flags {
                #expect(help.stdout.contains(flag), "\(words) --help does not mention \(flag)")
            }
            #expect(try BinaryRunner.run(["help"] + words).stdout == help.stdout)
            #expect(overview.contains(words.joined(separator: " ")))
            let bogus = try BinaryRunner.run(words + ["--bogus"])
            #expect(bogus.status == 64, "\(words) --bogus: \(bogus.stderr)")
        }
    }

    @Test func giveEitherDbOrConfig() throws {
        let result = try BinaryRunner.run(["status", "--db", "a.sqlite", "--config", "b.json5"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not both"))
    }

    @Test func theDatabaseIsFoundThroughTheConfigsStateDirectory() throws {
        try withFixture { fixture, directory in
            let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/channelsync.json5")
            let text = try String(contentsOf: example, encoding: .utf8)
                .replacingOccurrences(of: "// stateDirectory: \"/var/lib/channelsync\",",
                                      with: "stateDirectory: \"\(directory.path)\",")
            let config = directory.appendingPathComponent("channelsync.json5")
            try text.write(to: config, atomically: true, encoding: .utf8)
            let result = try BinaryRunner.run(["status", "--config", config.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect((try jsonObject(result.stdout)["mappings"] as? [Any])?.count == 2)
            let viaEnvironment = try BinaryRunner.run(["journal", "--json"], environment: ["CHANNELSYNC_CONFIG": config.path])
            #expect(viaEnvironment.status == 0, "\(viaEnvironment.stderr)")
            let stateDirectory = try BinaryRunner.run(["db", "check"], environment: ["CHANNELSYNC_CONFIG": "",
                                                                                     "STATE_DIRECTORY": directory.path],
                                                      currentDirectory: directory)
            #expect(stateDirectory.status == 0, "\(stateDirectory.stderr)")
            let missing = try BinaryRunner.run(["status", "--config", directory.appendingPathComponent("none.json5").path])
            #expect(missing.status == 1 && missing.stderr.contains("no config at"))
            _ = fixture
        }
    }
}
