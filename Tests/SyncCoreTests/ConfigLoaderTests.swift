import Foundation
import Testing
@testable import SyncCore

/// Whole configurations: the shipped examples, files that reference each other,
/// and files that cannot be read.
@Suite struct ConfigLoaderTests {
    /// The repository's `config/` directory, found from this file.
    static let shippedConfig = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    static func diskReader(_ path: String) -> Result<[UInt8], ConfigLoader.ReadFailure> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.notFound) }
        return .success([UInt8](data))
    }

    static func memoryReader(_ files: [String: String]) -> (String) -> Result<[UInt8], ConfigLoader.ReadFailure> {
        { path in files[path].map { .success(Array($0.utf8)) } ?? .failure(.notFound) }
    }

    static let service = """
    {
      remotes: [
        { name: "crm", dialect: "salesforce", baseURL: "http://127.0.0.1:1", auth: { kind: "none" } },
        { name: "prm", dialect: "rest", baseURL: "http://127.0.0.1:2", auth: { kind: "none" } },
      ],
      mappings: ["mappings/a.json5", "/abs/b.json5"],
    }
    """

    static func mapping(name: String, crmRemote: String = "crm") -> String {
        """
        {
          name: "\(name)",
          crm: { remote: "\(crmRemote)", object: "Lead" },
          prm: { remote: "prm", object: "leads" },
          fields: [{ name: "email", type: "email", crm: "Email", prm: "email" }],
          matchKeys: ["email"],
        }
        """
    }

    @Test func shippedExamplesAreValid() throws {
        let path = Self.shippedConfig.appendingPathComponent("channelsync.json5").path
        let configuration = try ConfigLoader.load(path: path, read: Self.diskReader).get()
        #expect(configuration.service.remotes.map(\.name) == ["salesforce", "partner-portal"])
        #expect(configuration.service.remotes[0].auth.kind == .oauthClientCredentials)
        #expect(configuration.service.remotes.allSatisfy { $0.baseURL.hasPrefix("http://127.0.0.1:") })
        #expect(configuration.mappings.map(\.name) == ["deals", "leads"])
        #expect(configuration.mappingFiles.allSatisfy { $0.hasPrefix(Self.shippedConfig.path + "/mappings/") })
        let deals = configuration.mappings[0]
        #expect(deals.crm.object == "Opportunity")
        #expect(deals.crm.externalIdField == FieldPath("PRM_Deal_Id__c"))
        #expect(deals.field(named: "stage")?.prmPath == FieldPath("stage.name"))
        #expect(deals.field(named: "amount")?.type == .decimal)
        let leads = configuration.mappings[1]
        #expect(leads.prm.object == "Lead")
        #expect(leads.matchKeys == [["email"]])
    }

    @Test func mappingPathsAreRelativeToTheServiceFile() throws {
        let files = ["/etc/cs/channelsync.json5": Self.service, "/etc/cs/mappings/a.json5": Self.mapping(name: "a"),
                     "/abs/b.json5": Self.mapping(name: "b")]
        let configuration = try ConfigLoader.load(path: "/etc/cs/channelsync.json5", read: Self.memoryReader(files)).get()
        #expect(configuration.mappingFiles == ["/etc/cs/mappings/a.json5", "/abs/b.json5"])
        #expect(configuration.mappings.map(\.name) == ["a", "b"])
        #expect(ConfigLoader.resolve("m.json5", relativeTo: ".") == "m.json5")
        #expect(ConfigLoader.directoryOf("channelsync.json5") == ".")
        #expect(ConfigLoader.directoryOf("/channelsync.json5") == "/")
        #expect(ConfigLoader.directoryOf("config/channelsync.json5") == "config")
    }

    @Test func crossFileProblemsAreReportedInTheMappingFile() {
        let files = ["cs.json5": Self.service, "mappings/a.json5": Self.mapping(name: "same", crmRemote: "salesforce"),
                     "/abs/b.json5": Self.mapping(name: "same")]
        guard case let .failure(errors) = ConfigLoader.load(path: "cs.json5", read: Self.memoryReader(files)) else {
            Issue.record("loaded")
            return
        }
        #expect(errors.errors.map(\.file) == ["/abs/b.json5", "mappings/a.json5"])
        #expect(errors.errors.map(\.problem.code) == ["duplicateName", "unknownRemote"])
        #expect(errors.errors[1].hint == "known remotes: crm, prm")
        #expect(errors.errors[1].position == SourcePosition(line: 3, column: 18))
    }

    @Test func everyFileIsCheckedEvenWhenOthersFail() {
        let files = [
            "cs.json5": Self.service.replacingOccurrences(of: "\"salesforce\"", with: "\"salesfroce\""),
            "mappings/a.json5": "{ name: 'a', oops }",
            "/abs/b.json5": Self.mapping(name: "b").replacingOccurrences(of: "email\", crm", with: "email\", crmm"),
        ]
        guard case let .failure(errors) = ConfigLoader.load(path: "cs.json5", read: Self.memoryReader(files)) else {
            Issue.record("loaded")
            return
        }
        #expect(errors.errors.map(\.file) == ["/abs/b.json5", "cs.json5", "mappings/a.json5"])
        #expect(errors.errors.map(\.problem.code) == ["unknownKey", "notOneOf", "syntax"])
        #expect(errors.errors[2].position == SourcePosition(line: 1, column: 19))
        // The service file's remotes are still known to the mapping checks: no "unknown remote".
        #expect(!errors.errors.contains { $0.problem.code == "unknownRemote" })
    }

    @Test(arguments: [
        (ConfigLoader.ReadFailure.notFound, "notFound", "file not found"),
        (.unreadable(reason: "permission denied"), "unreadable", "permission denied"),
        (.tooLarge(bytes: 5_000_000, limit: 1_048_576), "syntax", "limited to 1048576 bytes"),
    ])
    func unreadableFilesAreErrorsLikeTheOthers(failure: ConfigLoader.ReadFailure, code: String, message: String) {
        let read: (String) -> Result<[UInt8], ConfigLoader.ReadFailure> = { path in
            path == "cs.json5" ? .success(Array(Self.service.utf8)) : .failure(failure)
        }
        guard case let .failure(errors) = ConfigLoader.load(path: "cs.json5", read: read) else {
            Issue.record("loaded")
            return
        }
        #expect(errors.errors.count == 2)
        #expect(errors.errors.allSatisfy { $0.problem.code == code && $0.position == nil && $0.message.contains(message) })
        #expect(errors.errors.first?.description.hasPrefix("/abs/b.json5: error: ") == true)
    }

    @Test func duplicateKeysAreErrors() {
        let files = ["cs.json5": Self.service.replacingOccurrences(of: "mappings: [", with: "remotes: [], mappings: ["),
                     "mappings/a.json5": Self.mapping(name: "a"), "/abs/b.json5": Self.mapping(name: "b")]
        guard case let .failure(errors) = ConfigLoader.load(path: "cs.json5", read: Self.memoryReader(files)) else {
            Issue.record("loaded")
            return
        }
        #expect(errors.errors.map(\.problem.code) == ["duplicateKey"])
        #expect(errors.errors.first?.message == "duplicate key 'remotes' (first at line 2)")
    }

    @Test func errorLinesHaveTheEditorShape() {
        let error = ConfigError(file: "config/mappings/deals.json5", position: SourcePosition(line: 12, column: 7),
                                path: ConfigPath([.key("fields"), .index(3), .key("crmTransforms"), .index(0)]),
                                problem: .unknownKey("valuMap", suggestion: "valueMap", allowed: ["valueMap"]))
        #expect(error.description
            == "config/mappings/deals.json5:12:7: error: fields[3].crmTransforms[0]: unknown key 'valuMap' (hint: did you mean 'valueMap'?)")
        #expect(ConfigPath([.key("valueMap"), .key("Closed Won")]).description == "valueMap[\"Closed Won\"]")
    }
}
