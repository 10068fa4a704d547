import Foundation
import Testing

@Suite struct StatusCommandTests {
    @Test func statusSummarizesEachMapping() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["status", "--db", fixture.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let json = try jsonObject(result.stdout)
            let mappings = try #require(json["mappings"] as? [[String: Any]])
            #expect(mappings.map { $0["mapping"] as? String } == ["deals", "leads"])
            let deals = mappings[0]
            #expect((deals["lastCycle"] as? [String: Any])?["result"] as? String == "failed")
            #expect((deals["lastCycle"] as? [String: Any])?["error"] as? String == "salesforce: HTTP 503 after 3 attempts")
            #expect(deals["lastSuccessAt"] is String)
            #expect(deals["pendingIntents"] as? Int == 1)
            #expect(deals["openConflicts"] as? Int == 2)
            #expect((deals["links"] as? [String: Any])?["active"] as? Int == 4)
            #expect((deals["failures"] as? [String: Any])?["dead"] as? Int == 1)
            let lag = try #require(deals["lag"] as? [String: Any])
            #expect((lag["crm"] as? [String: Any])?["seconds"] is Int)
            let remotes = try #require(deals["remotes"] as? [[String: Any]])
            let salesforce = try #require(remotes.first { $0["remote"] as? String == "salesforce" })
            #expect(salesforce["requests"] as? Int == 13)
            #expect(salesforce["quotaRemaining"] as? Int == 14_880)
            let leads = mappings[1]
            #expect(leads["openConflicts"] as? Int == 1)
            #expect((leads["lag"] as? [String: Any])?["prm"] is NSNull)

            let table = try BinaryRunner.run(["status", "--db", fixture.path])
            #expect(table.stdout.contains("MAPPING"))
            #expect(table.stdout.contains("deals"))
            #expect(table.stdout.contains("salesforce"))
            #expect(table.stdout.contains("last cycle failed: salesforce: HTTP 503 after 3 attempts"))
            let one = try jsonObject(try BinaryRunner.run(["status", "--db", fixture.path, "--mapping", "leads", "--json"]).stdout)
            #expect((one["mappings"] as? [Any])?.count == 1)
            let unknown = try BinaryRunner.run(["status", "--db", fixture.path, "--mapping", "' OR 1=1 --"])
            #expect(unknown.status == 1 && unknown.stderr.contains("no mapping"))
        }
    }
}
