import Foundation
import Testing

@Suite struct ShowCommandTests {
    @Test func showsTheLinkShadowConflictsFailuresAndHistory() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["show", "006A", "--db", fixture.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("LINK L-1  mapping deals  status active  CRM 006A  PRM D-1"))
            #expect(result.stdout.contains("SHADOW"))
            #expect(result.stdout.contains("amount"))
            #expect(result.stdout.contains("12.50"))
            #expect(result.stdout.contains("Acme renewal"))
            #expect(result.stdout.contains("HISTORY (4 rows)"))
            #expect(result.stdout.contains("propagate.prm"))

            let json = try jsonObject(try BinaryRunner.run(["show", "D-3", "--db", fixture.path, "--json"]).stdout)
            #expect(json["id"] as? String == "D-3")
            let links = try #require(json["links"] as? [[String: Any]])
            #expect(links.map { $0["id"] as? String } == ["L-3"])
            #expect(links[0]["shadow"] is NSNull)
            let conflicts = try #require(json["conflicts"] as? [[String: Any]])
            #expect(conflicts.first?["field"] as? String == "amount")
            #expect((json["journal"] as? [Any])?.count == 1)
            #expect(json["journalTruncated"] as? Bool == false)
        }
    }

    @Test func aRecordWithoutALinkStillShowsItsFailuresAndHistory() throws {
        try withFixture { fixture, _ in
            let json = try jsonObject(try BinaryRunner.run(["show", "006B", "--db", fixture.path, "--json"]).stdout)
            let failures = try #require(json["failures"] as? [[String: Any]])
            #expect(failures.count == 1)
            #expect(failures[0]["state"] as? String == "dead")
            #expect((failures[0]["error"] as? [String: Any])?["message"] as? String == "Name is required")
            #expect((failures[0]["payload"] as? [String: Any])?["title"] as? String == "Globex")
            #expect((json["journal"] as? [Any])?.count == 2)
        }
    }

    @Test func anUnknownIdIsAFailureNamingIt() throws {
        try withFixture { fixture, _ in
            let result = try BinaryRunner.run(["show", "nope-42", "--db", fixture.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("nothing is known about 'nope-42'"))
            #expect(result.stdout.isEmpty)
            #expect(try BinaryRunner.run(["show", "--db", fixture.path]).status == 64)
            #expect(try BinaryRunner.run(["show", "006A", "--limit", "-3", "--db", fixture.path]).status == 64)
        }
    }
}
