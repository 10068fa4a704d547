import Foundation
import Testing

/// `config check` warns (exit status 0) about a mapping side where a create whose answer
/// was lost in a crash cannot be looked up again.
@Suite struct ConfigCheckWarningTests {
    static func check(_ file: URL, json: Bool = false) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["config", "check"] + (json ? ["--json"] : []) + ["--config", file.path],
                             environment: ConfigCheckTests.neutral)
    }

    /// The 1-based line and column of the first line holding `text` (at its first non-blank character).
    static func position(of text: String, in file: URL) throws -> (line: Int, column: Int) {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains(text) })
        return (index + 1, (lines[index].firstIndex { $0 != " " }.map { lines[index].distance(from: lines[index].startIndex, to: $0) } ?? 0) + 1)
    }

    @Test func aSideWithoutExternalIdOrLookupIsWarnedAboutAndStillValid() throws {
        let directory = try ConfigCheckTests.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let deals = directory.appendingPathComponent("mappings/deals.json5")
        try ConfigCheckTests.edit(deals, replacing: "    externalIdField: \"crmId\",   // the portal field that holds the Opportunity Id\n",
                                  with: "")
        let prm = try Self.position(of: "prm: {", in: deals)
        let service = directory.appendingPathComponent("channelsync.json5")

        let result = try Self.check(service)
        #expect(result.status == 0, "a warning is not an error: \(result.stderr)")
        #expect(result.stdout.contains("OK") && result.stdout.hasSuffix("(1 warning)\n"), "\(result.stdout)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "\(result.stderr)")
        let line = try #require(lines.first)
        #expect(line.hasPrefix("\(deals.path):\(prm.line):\(prm.column): warning: prm: mapping 'deals' creates records in Deal"
                               + " on remote 'partner-portal' but cannot find one again after a crash"), "\(line)")
        #expect(line.contains("OUTCOME_UNKNOWN") && line.contains("(hint: add 'Deal''s field that holds the other side's id as externalIdField"),
                "\(line)")
        #expect(!line.contains("lookup.param"), "the Impartner-style portal has no lookup filter to offer")

        let json = try Self.check(service, json: true)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["valid"] as? Bool == true)
        let warnings = try #require(document["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings.first?["code"] as? String == "createCannotBeLookedUp")
        #expect(warnings.first?["path"] as? String == "prm" && warnings.first?["file"] as? String == deals.path)
        #expect(warnings.first?["line"] as? Int == prm.line)
    }

    /// Generic REST: a one-field match key is enough when the remote can filter by it.
    @Test func aMatchKeyTheRemoteCanLookUpSettlesCreatesWithoutOneItWarns() throws {
        let directory = try ConfigCheckTests.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = directory.appendingPathComponent("examples/generic-rest.json5")
        let clean = try Self.check(service)
        #expect(clean.status == 0 && clean.stderr.isEmpty, "deals by reference, contacts by email: \(clean.stderr)")

        try ConfigCheckTests.edit(service, replacing: "          deals: { lookup: { param: \"reference\" } },\n", with: "")
        let result = try Self.check(service)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "only deals lost its lookup: \(result.stderr)")
        let deals = directory.appendingPathComponent("examples/mappings/generic-deals.json5").path
        #expect(lines.first?.hasPrefix("\(deals):") == true && lines.first?.contains("warning: prm: mapping 'generic-deals'") == true,
                "\(result.stderr)")
        #expect(lines.first?.contains("options.objects.deals.lookup.param") == true, "\(result.stderr)")
    }

    /// The daemon logs the same warning when it starts, for an admin who never ran the check.
    @Test func theDaemonLogsTheWarningAtStartUp() throws {
        let setup = try OnceCommandTests.Setup()
        let deals = setup.root.appendingPathComponent("config/mappings/deals.json5")
        try ConfigCheckTests.edit(deals, replacing: "    externalIdField: \"crmId\",   // the portal field that holds the Opportunity Id\n",
                                  with: "")
        let daemon = try DaemonProcess(config: setup.config)
        #expect(daemon.waitForMessage { $0.hasPrefix("READY=1") }, "stderr: \(daemon.stderr)")
        kill(daemon.pid, SIGTERM)
        #expect(daemon.exitStatus(timeout: 60) == 0, "stderr: \(daemon.stderr)")
        let warnings = daemon.stderr.split(separator: "\n").filter { $0.contains("config: mapping") }
        #expect(warnings.count == 1, "\(daemon.stderr)")
        #expect(warnings.first?.contains("mapping 'deals' creates records in Deal on remote 'partner-portal'") == true
                && warnings.first?.contains("externalIdField") == true, "\(warnings)")
    }
}
