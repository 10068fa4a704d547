import Foundation
import Testing

@Suite struct JournalCommandTests {
    func rows(_ result: BinaryRunner.Result) throws -> [[String: Any]] {
        try #require(result.status == 0, "exit \(result.status): \(result.stderr)")
        return try jsonObject(result.stdout)["rows"] as? [[String: Any]] ?? []
    }

    @Test func jsonListsEveryRowWithTheDocumentedKeys() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["journal", "--db", fixture.path, "--json"])
            let all = try rows(result)
            #expect(all.count == fixture.journalRows)
            #expect(try jsonObject(result.stdout)["truncated"] as? Bool == false)
            let keys: Set = ["seq", "at", "cycle", "mapping", "link", "crmId", "prmId", "direction", "operation", "rule",
                             "changes", "detail", "status", "writeId", "intentSeq", "outcomeSeq", "error", "attempt"]
            #expect(all.allSatisfy { Set($0.keys) == keys })
            let seqs = all.compactMap { $0["seq"] as? Int }
            #expect(seqs == seqs.sorted())
            let dead = try #require(all.first { $0["status"] as? String == "dead" })
            #expect(dead["error"] as? String == "HTTP 400 VALIDATION_ERROR: Name is required")
            #expect(dead["intentSeq"] is Int)
            let update = try #require(all.first { $0["rule"] as? String == "propagate.crm" && $0["mapping"] as? String == "deals" })
            let changes = try #require(update["changes"] as? [[String: Any]])
            #expect(changes.first?["field"] as? String == "amount")
            #expect((changes.first?["after"] as? [String: Any])?["number"] as? String == "12.50")
            #expect((update["at"] as? String)?.hasSuffix("Z") == true)
        }
    }

    @Test func filtersCombine() throws {
        try withFixture { fixture, _ in
            let db = ["--db", fixture.path, "--json"]
            #expect(try rows(BinaryRunner.run(["journal", "--mapping", "leads"] + db)).count == 5)
            #expect(try rows(BinaryRunner.run(["journal", "--mapping", "deals", "--status", "pending"] + db)).count == 1)
            let pendingRecent = try rows(BinaryRunner.run(["journal", "--status", "pending", "--since", "1h"] + db))
            #expect(pendingRecent.count == 1 && pendingRecent.first?["direction"] as? String == "toCRM")
            let byRecord = try rows(BinaryRunner.run(["journal", "--record", "006A"] + db))
            #expect(byRecord.count == 4)
            #expect(try rows(BinaryRunner.run(["journal", "--record", "D-1"] + db)).count == 4)
            #expect(try rows(BinaryRunner.run(["journal", "--record", "L-1"] + db)).count == 4)
            #expect(try rows(BinaryRunner.run(["journal", "--record", "006A", "--op", "update", "--status", "applied"] + db)).count == 1)
            #expect(try rows(BinaryRunner.run(["journal", "--record", "006A", "--until", "1h"] + db)).count == 3)
            #expect(try rows(BinaryRunner.run(["journal", "--record", "006A", "--mapping", "leads"] + db)).isEmpty)
            let future = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
            #expect(try rows(BinaryRunner.run(["journal", "--since", future] + db)).isEmpty)
            let limited = try BinaryRunner.run(["journal", "--limit", "2"] + db)
            #expect(try rows(limited).count == 2)
            #expect(try jsonObject(limited.stdout)["truncated"] as? Bool == true)
        }
    }

    @Test func anInjectionAttemptMatchesNothing() throws {
        try withFixture { fixture, _ in
            for attack in ["' OR 1=1 --", "006A' OR '1'='1", "%", "\" OR \"\"=\""] {
                let result = try BinaryRunner.run(["journal", "--db", fixture.path, "--record", attack, "--json"])
                #expect(try rows(result).isEmpty)
                let show = try BinaryRunner.run(["show", attack, "--db", fixture.path])
                #expect(show.status == 1)
                #expect(show.stdout.isEmpty)
            }
        }
    }

    @Test func theTableIsAlignedAndCutsLongCells() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["journal", "--db", fixture.path])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == fixture.journalRows + 1)
            let header = try #require(lines.first)
            #expect(header.hasPrefix("SEQ") || header.hasPrefix(" "))
            for column in ["TIME", "MAPPING", "OP", "DIR", "STATUS", "CRM", "PRM", "RULE", "WHAT"] {
                let offset = try #require(header.range(of: column)).lowerBound.utf16Offset(in: header)
                // Every row has a column break (two spaces) right before each column.
                for line in lines.dropFirst() where line.utf16.count > offset {
                    let prefix = String(line.utf16.prefix(offset)) ?? ""
                    #expect(prefix.hasSuffix("  "), "row not aligned at \(column): \(line)")
                }
            }
            // The remote's error carried an escape sequence: it is shown as '?', never raw.
            #expect(!result.stdout.contains("\u{1B}"))
            let narrow = try BinaryRunner.run(["journal", "--db", fixture.path, "--record", "006C"])
            #expect(narrow.stdout.contains("amount: 100 → 150"))
            let detail = try BinaryRunner.run(["journal", "--db", fixture.path, "--mapping", "leads", "--op", "review"])
            #expect(detail.stdout.contains("candidates P-7, P-8"))
        }
    }

    @Test func badValuesAreUsageErrors() throws {
        try withFixture { fixture, _ in
            for arguments in [["--status", "done"], ["--since", "yesterday"], ["--limit", "0"], ["--limit", "x"],
                              ["--interval", "1s"], ["--bogus"], ["--since", "2h", "--until", "3h"], ["--record"]] {
                let result = try BinaryRunner.run(["journal", "--db", fixture.path] + arguments)
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("channelsync journal:"))
                #expect(result.stdout.isEmpty)
            }
            let missing = try BinaryRunner.run(["journal", "--db", fixture.path + ".nope"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no database at \(fixture.path).nope"))
            #expect(!FileManager.default.fileExists(atPath: fixture.path + ".nope"))
        }
    }

    @Test func aClosedPipeEndsTheOutputQuietly() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["-c", "\"$0\" journal --db \"$1\" --limit 1000 | head -n 1; echo \"status=${PIPESTATUS[0]}\"",
                                               BinaryRunner.binary.path, fixture.path], executable: "/bin/bash")
            #expect(result.stdout.contains("status=0"), "\(result.stdout) \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }
}
