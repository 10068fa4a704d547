import Foundation
import Testing

@Suite struct FailuresCommandTests {
    func failures(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["failures", "--json"] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return try jsonObject(result.stdout)["failures"] as? [[String: Any]] ?? []
    }

    @Test func listsFailuresWithPayloadAndTheRemotesErrorVerbatim() throws {
        try withFixture { fixture, _ in
            let all = try failures(["--db", fixture.path])
            #expect(all.count == 2)
            let dead = try #require(all.first { $0["state"] as? String == "dead" })
            #expect(dead["operation"] as? String == "create" && dead["side"] as? String == "prm")
            #expect((dead["error"] as? [String: Any])?["httpStatus"] as? Int == 400)
            #expect((dead["error"] as? [String: Any])?["code"] as? String == "VALIDATION_ERROR")
            #expect(try failures(["--db", fixture.path, "--state", "retry", "--mapping", "leads"]).count == 1)
            #expect(try failures(["--db", fixture.path, "--state", "dead", "--mapping", "leads"]).isEmpty)
            let table = try BinaryRunner.run(["failures", "--db", fixture.path])
            #expect(table.stdout.contains("HTTP 400 VALIDATION_ERROR: Name is required"))
            #expect(!table.stdout.contains("\u{1B}"))
        }
    }

    @Test func retryRequeuesADeadLetterOnceAndJournalsIt() throws {
        try withFixture { fixture, _ in
            let db = ["--db", fixture.path]
            let result = try BinaryRunner.run(["retry", String(fixture.deadFailure)] + db)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("requeued 1 dead letter"))
            #expect(try failures(db + ["--state", "requeued"]).count == 1)
            let again = try BinaryRunner.run(["retry", String(fixture.deadFailure)] + db)
            #expect(again.status == 1)
            #expect(again.stderr.contains("already queued"))
            let retrying = try BinaryRunner.run(["retry", String(fixture.retryFailure)] + db)
            #expect(retrying.status == 1)
            let unknown = try BinaryRunner.run(["retry", "4242"] + db)
            #expect(unknown.status == 1 && unknown.stderr.contains("no failure with id 4242"))
            let journal = try jsonObject(try BinaryRunner.run(["journal", "--op", "retry", "--json"] + db).stdout)
            #expect((journal["rows"] as? [Any])?.count == 1)
            let all = try BinaryRunner.run(["retry", "--all", "--json"] + db)
            #expect(try jsonObject(all.stdout)["requeued"] as? [Int] == [])
        }
    }

    @Test func retryUsage() throws {
        try withFixture { fixture, _ in
            let db = ["--db", fixture.path]
            for arguments in [[], ["1", "--all"], ["x"], ["0"], ["1", "--mapping", "deals"], ["' OR 1=1 --"]] {
                let result = try BinaryRunner.run(["retry"] + arguments + db)
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
            }
            let all = try BinaryRunner.run(["retry", "--all", "--mapping", "deals", "--json"] + db)
            #expect(try jsonObject(all.stdout)["requeued"] as? [Int] == [Int(fixture.deadFailure)])
        }
    }
}
