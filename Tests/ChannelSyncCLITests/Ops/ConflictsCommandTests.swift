import Foundation
import Testing

@Suite struct ConflictsCommandTests {
    func conflicts(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(["conflicts", "--json"] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return try jsonObject(result.stdout)["conflicts"] as? [[String: Any]] ?? []
    }

    @Test func listsOpenConflictsAsTableAndJSON() throws {
        try withFixture { fixture, _ in
            let all = try conflicts(["--db", fixture.path])
            #expect(all.count == 3)
            let amount = try #require(all.first { $0["field"] as? String == "amount" })
            #expect((amount["crm"] as? [String: Any])?["number"] as? String == "150")
            #expect((amount["base"] as? [String: Any])?["number"] as? String == "100")
            #expect(amount["resolution"] is NSNull)
            #expect(try conflicts(["--db", fixture.path, "--mapping", "leads"]).map { $0["kind"] as? String } == ["ambiguousLink"])
            #expect(try conflicts(["--db", fixture.path, "--state", "closed"]).isEmpty)

            let table = try BinaryRunner.run(["conflicts", "--db", fixture.path])
            #expect(table.status == 0)
            #expect(table.stdout.contains("candidates: P-7, P-8"))
            #expect(table.stdout.contains("150"))
            #expect(try BinaryRunner.run(["conflicts", "--db", fixture.path, "--state", "shut"]).status == 64)
        }
    }

    @Test func resolveRecordsTheDecisionAndJournalsIt() throws {
        try withFixture { fixture, _ in
            let take = try BinaryRunner.run(["conflicts", "resolve", String(fixture.amountConflict), "--take", "prm", "--db", fixture.path])
            #expect(take.status == 0, "\(take.stderr)")
            #expect(take.stdout.contains("take prm: 175"))
            let typed = try BinaryRunner.run(["conflicts", "resolve", String(fixture.stageConflict), "--value", "Negotiation",
                                              "--db", fixture.path, "--json"])
            #expect(typed.status == 0, "\(typed.stderr)")
            let resolved = try #require(try jsonObject(typed.stdout)["conflict"] as? [String: Any])
            #expect(resolved["state"] as? String == "resolved")
            let resolution = try #require(resolved["resolution"] as? [String: Any])
            #expect(resolution["take"] as? String == "value")
            #expect((resolution["value"] as? [String: Any])?["string"] as? String == "Negotiation")
            let link = try BinaryRunner.run(["conflicts", "resolve", String(fixture.ambiguousConflict), "--value", "P-8",
                                             "--db", fixture.path])
            #expect(link.status == 0, "\(link.stderr)")

            #expect(try conflicts(["--db", fixture.path, "--state", "open"]).isEmpty)
            #expect(try conflicts(["--db", fixture.path]).count == 3)
            let journal = try jsonObject(try BinaryRunner.run(["journal", "--db", fixture.path, "--op", "resolve", "--json"]).stdout)
            let rows = try #require(journal["rows"] as? [[String: Any]])
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { ($0["detail"] as? String)?.contains("resolved by") == true })
        }
    }

    @Test func resolveRefusesWhatDoesNotFit() throws {
        try withFixture { fixture, _ in
            let db = ["--db", fixture.path]
            let amount = String(fixture.amountConflict)
            for (arguments, status, message) in [
                (["999999", "--take", "crm"], Int32(1), "no conflict with id 999999"),
                (["abc", "--take", "crm"], 64, "conflict ids are positive numbers"),
                (["' OR 1=1 --", "--take", "crm"], 64, "conflict ids are positive numbers"),
                ([amount], 64, "give --take crm|prm or --value V"),
                ([amount, "--take", "crm", "--value", "1"], 64, "not both"),
                ([amount, "--take", "both"], 64, "--take takes crm or prm"),
                ([amount, "--value", "lots"], 1, "is not one"),
                ([String(fixture.ambiguousConflict), "--take", "crm"], 1, "--value CANDIDATE_ID"),
                ([String(fixture.ambiguousConflict), "--value", "P-9"], 1, "one of the candidates"),
            ] {
                let result = try BinaryRunner.run(["conflicts", "resolve"] + arguments + db)
                #expect(result.status == status, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            }
            #expect(try BinaryRunner.run(["conflicts", "resolve", amount, "--value", "12.5"] + db).status == 0)
            let again = try BinaryRunner.run(["conflicts", "resolve", amount, "--take", "crm"] + db)
            #expect(again.status == 1)
            #expect(again.stderr.contains("is resolved, not open"))
            #expect(try BinaryRunner.run(["journal", "--op", "resolve", "--json"] + db).stdout.components(separatedBy: "\"seq\"").count == 2)
        }
    }
}
