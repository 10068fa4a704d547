import Foundation
import Testing
@testable import channelsync

/// `channelsync config check`, run as an admin would: the shipped examples, a
/// deliberately broken copy, `--json`, the config search order and usage errors.
@Suite struct ConfigCheckTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shippedConfig = repository.appendingPathComponent("config")
    /// Environment that hides the caller's own config settings.
    static let neutral = ["CHANNELSYNC_CONFIG": "", "CONFIGURATION_DIRECTORY": ""]

    /// A fresh copy of the shipped `config/` directory in a temporary directory.
    static func copyOfShippedConfig() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("config-check-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: shippedConfig, to: directory)
        return directory
    }

    /// Replaces `old` (which must occur exactly once) and returns the 1-based line and column where `new` starts.
    @discardableResult
    static func edit(_ file: URL, replacing old: String, with new: String) throws -> (line: Int, column: Int) {
        let text = try String(contentsOf: file, encoding: .utf8)
        let parts = text.components(separatedBy: old)
        #expect(parts.count == 2, "'\(old)' occurs \(parts.count - 1) times in \(file.lastPathComponent)")
        try (parts[0] + new + parts[1...].joined(separator: old)).write(to: file, atomically: true, encoding: .utf8)
        let before = parts[0].components(separatedBy: "\n")
        return (before.count, (before.last?.unicodeScalars.count ?? 0) + 1)
    }

    @Test func shippedExamplesPass() throws {
        let path = Self.shippedConfig.appendingPathComponent("channelsync.json5").path
        let result = try BinaryRunner.run(["config", "check", "--config", path], environment: Self.neutral)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("OK"))
        #expect(result.stdout.contains("deals (14 fields)"))
        #expect(result.stdout.contains("leads ("))
        #expect(result.stderr.isEmpty)
    }

    /// One example per CRM × PRM pair, each with a deals and a leads mapping.
    @Test(arguments: ["hubspot-impartner", "salesforce-partnerstack", "hubspot-partnerstack", "generic-rest", "hubspot-generic"])
    func examplePasses(_ name: String) throws {
        let path = Self.shippedConfig.appendingPathComponent("examples/\(name).json5").path
        let result = try BinaryRunner.run(["config", "check", "--config", path], environment: Self.neutral)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.contains("OK — 2 remotes"), "\(result.stdout)")
        #expect(result.stdout.contains("deals (") && result.stdout.contains("leads ("), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
    }

    /// Every example file passes, those not in the list above too (the Pipedrive, Zoho and
    /// Dataverse examples pair one CRM with each portal, deals only).
    @Test func everyExamplePasses() throws {
        let directory = Self.shippedConfig.appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json5") }
        #expect(files.count >= 5)
        for file in files {
            let result = try BinaryRunner.run(["config", "check", "--config", directory.appendingPathComponent(file).path],
                                              environment: Self.neutral)
            #expect(result.status == 0, "\(file): \(result.stderr)")
        }
    }

    @Test func brokenCopyListsEveryProblemWithFileLineAndColumn() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let deals = directory.appendingPathComponent("mappings/deals.json5")
        // 1. an unknown key (a typo), 2. a two-way value map that is not invertible, 3. a type error.
        let typo = try Self.edit(deals, replacing: "preferNonEmpty: true,     // a blank amount", with: "preferNonEmty: true,     // a blank amount")
        try Self.edit(deals, replacing: "          write: { qualification: \"Qualification\", proposal: \"Proposal/Price Quote\" },\n", with: "")
        let typeError = try Self.edit(deals, replacing: "type: \"decimal\",          // exact decimal", with: "type: 42,          // exact decimal")
        let text = try String(contentsOf: deals, encoding: .utf8).components(separatedBy: "\n")
        let needsAnalysis = (text.firstIndex { $0.contains("\"Needs Analysis\": \"qualification\"") } ?? -1) + 1
        let priceQuote = (text.firstIndex { $0.contains("\"Proposal/Price Quote\": \"proposal\"") } ?? -1) + 1

        let result = try BinaryRunner.run(["config", "check", "--config", directory.appendingPathComponent("channelsync.json5").path],
                                          environment: Self.neutral)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let file = deals.path
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(file):\(typo.line):\(typo.column): error: fields[1].preferNonEmty: unknown key 'preferNonEmty'") && $0.contains("did you mean 'preferNonEmpty'") },
                "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):\(typeError.line):\(typeError.column + 6): error: fields[1].type: expected one of") },
                "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):\(needsAnalysis):13: error: fields[3].crmTransforms[0].valueMap[\"Needs Analysis\"]: the CRM value map is not invertible") },
                "\(result.stderr)")
        #expect(lines.contains { $0.hasPrefix("\(file):\(priceQuote):13: error: fields[3].crmTransforms[0].valueMap[\"Proposal/Price Quote\"]:") && $0.contains("'proposal'") },
                "\(result.stderr)")
        #expect(lines.last == "config check: 4 errors in 1 file")
        #expect(lines.count == 5)
        // Sorted by position.
        let reported = lines.dropLast().compactMap { Int($0.dropFirst(file.count + 1).prefix { $0 != ":" }) }
        #expect(reported == reported.sorted())
    }

    /// SyncCore cannot know each connector's `options`; config check asks the connector.
    @Test func aBadConnectorOptionIsReportedWithItsRemoteAndKey() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("examples/generic-rest.json5")
        let valid = try BinaryRunner.run(["config", "check", "--config", file.path], environment: Self.neutral)
        #expect(valid.status == 0, "\(valid.stderr)")
        try Self.edit(file, replacing: "style: \"offset\"", with: "style: \"ofset\"")
        let result = try BinaryRunner.run(["config", "check", "--config", file.path], environment: Self.neutral)
        #expect(result.status == 1)
        #expect(result.stderr.contains("remotes[1]: options.paging.style: 'ofset' is not one of"))
        #expect(result.stderr.contains("did you mean 'offset'"))
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let service = directory.appendingPathComponent("channelsync.json5")
        try Self.edit(service, replacing: "dialect: \"impartner\",", with: "dialect: \"impartnr\",")
        try Self.edit(service, replacing: "clientSecret: \"salesforce-client-secret\"", with: "clientSecret: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"")
        let result = try BinaryRunner.run(["config", "check", "--json", "--config", service.path], environment: Self.neutral)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("sk_live_4eC39HqLyjWDarjtT1zdp7dc"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        #expect(object["config"] as? String == service.path)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        for error in errors {
            #expect(Set(error.keys) == ["file", "line", "column", "path", "code", "message", "hint"])
            #expect(error["file"] as? String == service.path)
            #expect(error["line"] is Int)
            #expect(error["column"] is Int)
        }
        #expect(errors.map { $0["code"] as? String } == ["literalSecret", "notOneOf"])
        #expect(errors.map { $0["path"] as? String } == ["remotes[0].auth.credentials.clientSecret", "remotes[1].dialect"])
        #expect((errors[1]["hint"] as? String)?.contains("did you mean 'impartner'") == true)
    }

    @Test func jsonOutputForAValidConfig() throws {
        let path = Self.shippedConfig.appendingPathComponent("channelsync.json5").path
        let result = try BinaryRunner.run(["config", "check", "--config", path, "--json"], environment: Self.neutral)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        let mappings = try #require(object["mappings"] as? [[String: Any]])
        #expect(mappings.map { $0["name"] as? String } == ["deals", "leads"])
    }

    @Test func findsTheConfigTheDocumentedWay() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        // ./config/channelsync.json5 from the working directory.
        let fromWorkingDirectory = try BinaryRunner.run(["config", "check"], environment: Self.neutral, currentDirectory: Self.repository)
        #expect(fromWorkingDirectory.status == 0, "\(fromWorkingDirectory.stderr)")
        #expect(fromWorkingDirectory.stdout.hasPrefix("config/channelsync.json5: OK"))
        // $CONFIGURATION_DIRECTORY (systemd) wins over ./config.
        let systemd = try BinaryRunner.run(["config", "check"], environment: ["CHANNELSYNC_CONFIG": "", "CONFIGURATION_DIRECTORY": directory.path],
                                           currentDirectory: Self.repository)
        #expect(systemd.stdout.hasPrefix(directory.path + "/channelsync.json5: OK"), "\(systemd.stdout)\(systemd.stderr)")
        // $CHANNELSYNC_CONFIG wins over both, --config over everything.
        let missing = directory.appendingPathComponent("nowhere.json5").path
        let environment = try BinaryRunner.run(["config", "check"], environment: ["CHANNELSYNC_CONFIG": missing, "CONFIGURATION_DIRECTORY": directory.path])
        #expect(environment.status == 1)
        #expect(environment.stderr.contains("\(missing): error: file not found"))
        let option = try BinaryRunner.run(["config", "check", "--config=\(directory.path)/channelsync.json5"], environment: ["CHANNELSYNC_CONFIG": missing])
        #expect(option.status == 0, "\(option.stderr)")
    }

    @Test func aMissingMappingFileIsListedLikeOtherErrors() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("mappings/leads.json5"))
        let result = try BinaryRunner.run(["config", "check", "--config", directory.appendingPathComponent("channelsync.json5").path],
                                          environment: Self.neutral)
        #expect(result.status == 1)
        #expect(result.stderr.contains(directory.path + "/mappings/leads.json5: error: file not found (hint: check the path;"))
        #expect(result.stderr.contains("config check: 1 error in 1 file"))
    }

    @Test func filesThatCannotBeReadAreClearErrors() throws {
        let directory = try Self.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let asDirectory = try BinaryRunner.run(["config", "check", "--config", directory.path], environment: Self.neutral)
        #expect(asDirectory.status == 1)
        #expect(asDirectory.stderr.contains("\(directory.path): error: cannot read the file: not a regular file"))
        let huge = directory.appendingPathComponent("huge.json5")
        try Data(repeating: UInt8(ascii: " "), count: 2 << 20).write(to: huge)
        let tooLarge = try BinaryRunner.run(["config", "check", "--config", huge.path], environment: Self.neutral)
        #expect(tooLarge.status == 1)
        #expect(tooLarge.stderr.contains("config files are limited to 1048576 bytes"))
        let binary = directory.appendingPathComponent("binary.json5")
        try Data([0x7B, 0x0A, 0x20, 0xFF, 0xFE, 0x7D]).write(to: binary)
        let invalid = try BinaryRunner.run(["config", "check", "--config", binary.path], environment: Self.neutral)
        #expect(invalid.stderr.contains("\(binary.path):2:2: error: the file is not valid UTF-8"))
    }

    @Test func usageErrorsExit64() throws {
        let unknown = try BinaryRunner.run(["config", "check", "--jsn"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean '--json'"))
        let noValue = try BinaryRunner.run(["config", "check", "--config"])
        #expect(noValue.status == 64)
        let empty = try BinaryRunner.run(["config", "check", "--config="])
        #expect(empty.status == 64)
    }

    @Test func helpDocumentsTheSearchOrderAndTheJSONShape() throws {
        let result = try BinaryRunner.run(["help", "config", "check"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("$CHANNELSYNC_CONFIG"))
        #expect(result.stdout.contains("$CONFIGURATION_DIRECTORY/channelsync.json5"))
        #expect(result.stdout.contains("/etc/channelsync/channelsync.json5"))
        #expect(result.stdout.contains("\"valid\""))
        let overview = try BinaryRunner.run(["--help"])
        #expect(overview.stdout.contains("config check"))
    }
}

/// The search order itself, with the environment and the file system injected.
@Suite struct ConfigLocationTests {
    static func resolve(_ option: String? = nil, _ environment: [String: String] = [:], cwdConfig: Bool = false) -> ConfigLocation {
        ConfigLocation.resolve(option: option, environment: environment, fileExists: { cwdConfig && $0 == "config/channelsync.json5" })
    }

    @Test func followsTheDocumentedOrder() {
        let all = ["CHANNELSYNC_CONFIG": "/env/cs.json5", "CONFIGURATION_DIRECTORY": "/etc/cs-unit:/etc/other"]
        #expect(Self.resolve("/opt/cs.json5", all, cwdConfig: true) == ConfigLocation(path: "/opt/cs.json5", source: .option))
        #expect(Self.resolve(nil, all, cwdConfig: true) == ConfigLocation(path: "/env/cs.json5", source: .environment))
        #expect(Self.resolve(nil, ["CONFIGURATION_DIRECTORY": "/etc/cs-unit/:/etc/other"], cwdConfig: true)
            == ConfigLocation(path: "/etc/cs-unit/channelsync.json5", source: .systemd))
        #expect(Self.resolve(nil, [:], cwdConfig: true) == ConfigLocation(path: "config/channelsync.json5", source: .workingDirectory))
        #expect(Self.resolve(nil, [:]) == ConfigLocation(path: "/etc/channelsync/channelsync.json5", source: .system))
    }

    @Test func emptyValuesCountAsUnset() {
        #expect(Self.resolve("", ["CHANNELSYNC_CONFIG": "", "CONFIGURATION_DIRECTORY": ""]).source == .system)
    }
}

/// A config file anyone on the machine may rewrite is refused, by `config check` and by
/// `run` (which loads it the way reload does), with the file and its mode named.
@Suite struct WorldWritableConfigTests {
    @Test(arguments: ["channelsync.json5", "mappings/deals.json5"])
    func worldWritableConfigFilesAreRefused(file: String) throws {
        let directory = try ConfigCheckTests.copyOfShippedConfig()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent(file)
        #expect(chmod(target.path, 0o666) == 0)
        let config = directory.appendingPathComponent("channelsync.json5").path
        for command in [["config", "check"], ["run"]] {
            let result = try BinaryRunner.run(command + ["--config", config], environment: ConfigCheckTests.neutral)
            #expect(result.status == 1, "\(command): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains(target.path), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("world-writable (mode 0666)"), "\(command): \(result.stderr)")
        }
        // Group-writable is the admin's choice (a config group): accepted.
        #expect(chmod(target.path, 0o664) == 0)
        let accepted = try BinaryRunner.run(["config", "check", "--config", config], environment: ConfigCheckTests.neutral)
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }
}
