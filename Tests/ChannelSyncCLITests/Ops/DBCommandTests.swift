import Foundation
import Testing

@Suite struct DBCommandTests {
    @Test func checkPassesOnASoundDatabase() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["db", "check", "--db", fixture.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try jsonObject(result.stdout)
            #expect(json["sound"] as? Bool == true)
            #expect(json["journalRows"] as? Int == fixture.journalRows)
            #expect(json["pendingIntents"] as? Int == 1)
            #expect(try BinaryRunner.run(["db", "check", "--db", fixture.path]).stdout.contains(": ok"))
        }
    }

    @Test func checkFailsOnAFileThatIsNotADatabase() throws {
        try withFixture { _, directory in
            let path = directory.appendingPathComponent("garbage.sqlite").path
            try Data(repeating: 0x41, count: 8_192).write(to: URL(fileURLWithPath: path))
            let result = try BinaryRunner.run(["db", "check", "--db", path])
            #expect(result.status == 1)
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func backupMakesACheckedCopyAndNeverOverwrites() throws {
        try withFixture { fixture, directory in
            let copy = directory.appendingPathComponent("copy.sqlite").path
            let result = try BinaryRunner.run(["db", "backup", copy, "--db", fixture.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try jsonObject(result.stdout)
            #expect(json["sound"] as? Bool == true && json["journalRows"] as? Int == fixture.journalRows)
            #expect(FileManager.default.fileExists(atPath: copy))
            #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
            let fromCopy = try jsonObject(try BinaryRunner.run(["journal", "--db", copy, "--json", "--limit", "1000"]).stdout)
            #expect((fromCopy["rows"] as? [Any])?.count == fixture.journalRows)
            let again = try BinaryRunner.run(["db", "backup", copy, "--db", fixture.path])
            #expect(again.status == 1)
            #expect(again.stderr.contains(copy))
            #expect(try BinaryRunner.run(["db", "backup", "--db", fixture.path]).status == 64)
        }
    }

    @Test func pruneCountsOnADryRunAndKeepsOpenWork() throws {
        try withFixture { fixture, _ in
            let db = ["--db", fixture.path]
            let dry = try jsonObject(try BinaryRunner.run(["db", "prune", "--older-than", "2h", "--dry-run", "--json"] + db).stdout)
            #expect(dry["dryRun"] as? Bool == true)
            #expect(dry["journalSeq"] is NSNull)
            let doomed = try #require(dry["journalRows"] as? Int)
            #expect(doomed > 0)
            let result = try BinaryRunner.run(["db", "prune", "--older-than", "2h", "--json"] + db)
            #expect(result.status == 0, "\(result.stderr)")
            let pruned = try jsonObject(result.stdout)
            #expect(pruned["journalRows"] as? Int == doomed)
            // Conflicts, failures and the pending intent are all still there.
            let check = try jsonObject(try BinaryRunner.run(["db", "check", "--json"] + db).stdout)
            #expect(check["sound"] as? Bool == true && check["pendingIntents"] as? Int == 1)
            let failures = try jsonObject(try BinaryRunner.run(["failures", "--json"] + db).stdout)["failures"] as? [Any]
            #expect(failures?.count == 2)
            let history = try jsonObject(try BinaryRunner.run(["journal", "--record", "006B", "--json"] + db).stdout)
            #expect((history["rows"] as? [Any])?.count == 2)
            let prune = try jsonObject(try BinaryRunner.run(["journal", "--op", "prune", "--json"] + db).stdout)
            #expect((prune["rows"] as? [[String: Any]])?.first?["mapping"] as? String == "*")
            for bad in [["--older-than", "ninety"], ["--older-than", "0s"], []] {
                #expect(try BinaryRunner.run(["db", "prune"] + bad + db).status == 64, "\(bad)")
            }
        }
    }
}
