import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore

/// `channelsync once` run as a built binary against an in-process sandbox on loopback,
/// with the shipped config pointed at it.
@Suite("channelsync once")
struct OnceCommandTests {
    /// A config directory (shipped files, sandbox URLs, a state and credentials directory).
    final class Setup {
        let clock = ManualClock()
        let sandbox: SandboxEnvironment
        let server: SandboxServer
        let root: URL
        var config: String { root.appendingPathComponent("config/channelsync.json5").path }
        var database: String { root.appendingPathComponent("state/" + SyncState.fileName).path }
        var credentials: URL { root.appendingPathComponent("credentials") }

        static let secrets = ["salesforce-client-id": "sandbox-sf-client", "salesforce-client-secret": "sandbox-sf-secret",
                              "partner-portal-api-token": "prm-sandbox-key"]

        /// `sandboxConfiguration` and `secrets` (by credential name) must agree.
        init(sandboxConfiguration: SandboxConfiguration = SandboxConfiguration(),
             secrets: [String: String] = Setup.secrets) throws {
            sandbox = SandboxEnvironment(configuration: sandboxConfiguration, clock: clock)
            server = try SandboxServer(environment: sandbox)
            clock.advance(by: 3_600_000)
            root = FileManager.default.temporaryDirectory.appendingPathComponent("channelsync-once-\(UUID().uuidString)")
            let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("config")
            let configDirectory = root.appendingPathComponent("config")
            try FileManager.default.createDirectory(at: configDirectory.appendingPathComponent("mappings"),
                                                    withIntermediateDirectories: true)
            for name in ["deals.json5", "leads.json5"] {
                try FileManager.default.copyItem(at: shipped.appendingPathComponent("mappings/" + name),
                                                 to: configDirectory.appendingPathComponent("mappings/" + name))
            }
            var text = try String(contentsOf: shipped.appendingPathComponent("channelsync.json5"), encoding: .utf8)
            text = text.replacingOccurrences(of: "http://127.0.0.1:8443", with: server.baseURL(.salesforce))
                .replacingOccurrences(of: "http://127.0.0.1:8445", with: server.baseURL(.impartner))
                .replacingOccurrences(of: "/etc/channelsync/credentials", with: credentials.path)
                .replacingOccurrences(of: "// stateDirectory: \"/var/lib/channelsync\",",
                                      with: "stateDirectory: \"\(root.appendingPathComponent("state").path)\",")
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            for (name, secret) in secrets {
                let path = credentials.appendingPathComponent(name).path
                #expect(FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8),
                                                       attributes: [.posixPermissions: 0o600]))
            }
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(at: root)
        }

        func once(_ arguments: String...) throws -> BinaryRunner.Result {
            // No systemd variables from the test runner's environment.
            try BinaryRunner.run(["once", "--config", config] + arguments,
                                 environment: ["CREDENTIALS_DIRECTORY": "", "STATE_DIRECTORY": ""])
        }

        /// Replaces the config's schedule (every 5 min, 30 s jitter) with a test's own.
        func schedule(interval: String, jitter: String) throws {
            let text = try String(contentsOfFile: config, encoding: .utf8)
            try text.replacingOccurrences(of: #"schedule: { interval: "5m", jitter: "30s" }"#,
                                          with: "schedule: { interval: \"\(interval)\", jitter: \"\(jitter)\" }")
                .write(toFile: config, atomically: true, encoding: .utf8)
        }

        /// Remote writes served so far, by route.
        var writes: [String: Int] {
            sandbox.requestCounts.filter { route, count in
                count > 0 && (route.hasPrefix("salesforce.composite.")
                    || ["impartner.create", "impartner.update", "impartner.delete"].contains(route))
            }
        }

        func seed() throws {
            // The registering partner is a CRM account (the deals mapping checks it).
            try sandbox.salesforce.store.seed("Account", fields: ["Name": .string("Northwind")], id: "001000000000002AAA")
            try sandbox.salesforce.store.seed("Opportunity", fields: [
                "Name": .string("Acme expansion"), "StageName": .string("Qualification"), "CloseDate": .string("2024-06-30"),
                "Amount": .number(12500), "Partner_Account__c": .string("001000000000001AAA"),
            ])
            try sandbox.impartner.store.seed("Deal", fields: [
                "name": .string("Globex pilot"), "closeDate": .string("2024-07-31"), "stage": .object(["name": .string("Proposal")]),
                "partner": .object(["crmAccountId": .string("001000000000002AAA")]),
            ])
            clock.advance(by: 300_000)
        }
    }

    @Test("--dry-run prints the plan, writes nothing anywhere and exits 2; a real run syncs and exits 0")
    func dryRunThenRun() throws {
        let setup = try Setup()
        try setup.seed()

        let dry = try setup.once("--dry-run", "--mapping", "deals")
        #expect(dry.status == 2, "stderr: \(dry.stderr)")
        #expect(dry.stdout.contains("deals (dry run): 2 writes planned"), "\(dry.stdout)")
        #expect(dry.stdout.contains("create PRM (new)") && dry.stdout.contains("name=\"Acme expansion\""), "\(dry.stdout)")
        #expect(dry.stdout.contains("create CRM (new)") && dry.stdout.contains("stage=proposal"), "\(dry.stdout)")
        #expect(setup.writes.isEmpty, "a dry run sent writes: \(setup.writes)")
        #expect(!FileManager.default.fileExists(atPath: setup.database), "a dry run created the state database")
        #expect(setup.sandbox.impartner.store.count("Deal") == 1 && setup.sandbox.salesforce.store.count("Opportunity") == 1)

        let run = try setup.once("--mapping", "deals")
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("deals: ok"), "\(run.stdout)")
        #expect(run.stdout.contains("CRM: pulled 1 (1 page, complete scan), created 1"), "\(run.stdout)")
        #expect(run.stdout.contains("PRM: pulled 1 (1 page, complete scan), created 1"), "\(run.stdout)")
        // Salesforce: a query, the registering partner's account looked up, and one upsert;
        // the token the dry run minted was kept in <state>/tokens and is reused.
        #expect(run.stdout.contains("API requests: partner-portal 2; salesforce 3,"), "\(run.stdout)")
        #expect(setup.sandbox.requestCounts["salesforce.token"] == 1)
        #expect(setup.sandbox.impartner.store.count("Deal") == 2 && setup.sandbox.salesforce.store.count("Opportunity") == 2)

        // The state now says what was done; a dry run of the echoes finds nothing to do.
        setup.clock.advance(by: 300_000)
        let before = setup.writes
        let again = try setup.once("--dry-run", "--json")
        #expect(again.status == 0, "stdout: \(again.stdout) stderr: \(again.stderr)")
        let document = try JSONParser().parse(again.stdout)
        #expect(document[path: FieldPath("hasChanges")!] == .bool(false))
        #expect(document[path: FieldPath("ok")!] == .bool(true))
        #expect(setup.writes == before)
        let state = try SyncState.openReadOnly(path: setup.database)
        defer { try? state.close() }
        #expect(try state.cycles(mapping: "deals").count == 1, "the dry run journaled no cycle")
        #expect(try state.cycles(mapping: "leads").isEmpty)
    }

    @Test("a cycle that cannot reach a remote exits 1 and says which credential is missing")
    func failure() throws {
        let setup = try Setup()
        try setup.seed()
        try FileManager.default.removeItem(at: setup.credentials.appendingPathComponent("partner-portal-api-token"))
        let result = try setup.once()
        #expect(result.status == 1)
        #expect(result.stderr.contains("deals: cycle failed") && result.stderr.contains("partner-portal-api-token"),
                "\(result.stderr)")
        #expect(setup.writes.isEmpty)

        let unknown = try setup.once("--mapping", "dealz")
        #expect(unknown.status == 64 && unknown.stderr.contains("no mapping named 'dealz'"), "\(unknown.stderr)")
    }
}
