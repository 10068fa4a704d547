import Foundation
import Sandbox
import SyncCore
import SyncStore
import Testing

/// Canary credentials and canary personal data through the real daemon, then a search of
/// everything it leaves behind. The rules:
/// - secrets (client secret, API key) appear nowhere: not in stderr, not in any file of the
///   state directory, not in the ops commands' JSON;
/// - the OAuth access token the sandbox minted lives only in the token vault, mode 0600;
/// - emails and phone numbers never reach stderr or the metrics file. They do belong in
///   the journal (it records what changed, field by field) and so in `journal`, `show`
///   and `failures` output, which ops read on the host that holds the database.
@Suite("Canary scan of the real daemon")
struct CanaryScanTests {
    static let clientID = "canary-client-id-0d7c1e"
    static let clientSecret = "CANARY-CLIENT-SECRET-8b4f2a91"
    static let apiKey = "CANARY-PRM-API-KEY-3e9d77c0"
    static let emails = ["quill.canary@example.org", "partner.canary+leads@reseller.example.net"]
    static let phones = ["+1 555 0142 9876", "+44 20 7946 0311"]

    @Test func noSecretLeavesItsPlaceAndNoPersonalDataReachesLogsOrMetrics() throws {
        var sandboxConfiguration = SandboxConfiguration()
        sandboxConfiguration.salesforce.clientID = Self.clientID
        sandboxConfiguration.salesforce.clientSecret = Self.clientSecret
        sandboxConfiguration.impartner.apiKeys = [Self.apiKey]
        let setup = try OnceCommandTests.Setup(sandboxConfiguration: sandboxConfiguration, secrets: [
            "salesforce-client-id": Self.clientID, "salesforce-client-secret": Self.clientSecret,
            "partner-portal-api-token": Self.apiKey,
        ])
        let stateDirectory = URL(fileURLWithPath: setup.database).deletingLastPathComponent().path
        let metricsPath = stateDirectory + "/channelsync.prom"
        var text = try String(contentsOfFile: setup.config, encoding: .utf8)
        for (old, new) in [
            (#"schedule: { interval: "5m", jitter: "30s" }"#, #"schedule: { interval: "1s", jitter: "10ms" }"#),
            (#"// metricsFile: "/var/lib/node_exporter/textfile_collector/channelsync.prom","#,
             #"metricsFile: "\#(metricsPath)","#),
        ] {
            #expect(text.contains(old), "the shipped config changed: \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: setup.config, atomically: true, encoding: .utf8)

        try setup.sandbox.salesforce.store.seed("Lead", fields: [
            "FirstName": .string("Quill"), "LastName": .string("Canaryfeather"), "Email": .string(Self.emails[0]),
            "Phone": .string(Self.phones[0]), "Company": .string("Canary Works"), "Status": .string("Open - Not Contacted"),
            "Partner_Account__c": .string("001000000000001AAA"),
        ])
        try setup.sandbox.salesforce.store.seed("Opportunity", fields: [
            "Name": .string("Canary renewal"), "StageName": .string("Qualification"), "CloseDate": .string("2024-08-31"),
            "Amount": .number(4200), "Partner_Account__c": .string("001000000000001AAA"),
            "Customer_Email__c": .string(Self.emails[0]),
        ])
        try setup.sandbox.impartner.store.seed("Lead", fields: [
            "firstName": .string("Pia"), "lastName": .string("Canarysong"), "email": .string(Self.emails[1]),
            "phone": .string(Self.phones[1]), "company": .object(["name": .string("Reseller Canary")]),
            "partner": .object(["crmAccountId": .string("001000000000002AAA")]),
        ])
        try setup.seed()
        // A refused write, an authentication failure on each remote (the portal's key
        // "revoked" once, Salesforce's session expired once, so a second token is minted).
        setup.sandbox.impartner.store.inject(.status(400), route: "impartner.create")
        setup.sandbox.impartner.store.inject(.expireTokens, route: "impartner.list")
        setup.sandbox.salesforce.store.inject(.expireTokens, route: "salesforce.query*")

        let daemon = try DaemonProcess(config: setup.config)
        #expect(daemon.waitForMessage { $0.hasPrefix("READY=1") }, "stderr: \(daemon.stderr)")
        let cycled = daemon.waitUntil(timeout: 120) {
            guard let state = try? SyncState.openReadOnly(path: setup.database) else { return false }
            defer { try? state.close() }
            let deals = (try? state.cycles(mapping: "deals").count) ?? 0
            let leads = (try? state.cycles(mapping: "leads").count) ?? 0
            return deals >= 4 && leads >= 4
        }
        #expect(cycled, "stderr: \(daemon.stderr)")
        kill(daemon.pid, SIGTERM)
        #expect(daemon.exitStatus(timeout: 60) == 0, "stderr: \(daemon.stderr)")
        let stderr = daemon.stderr
        #expect(stderr.contains("cycle failed"), "the authentication failure was not seen: \(stderr)")

        // The vault: the only place the token may be, readable by the owner only.
        let vault = stateDirectory + "/tokens/salesforce.oauth-token"
        let attributes = try FileManager.default.attributesOfItem(atPath: vault)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let stored = try JSONDecoder().decode(StoredToken.self, from: Data(contentsOf: URL(fileURLWithPath: vault)))
        #expect(stored.accessToken.count >= 16)
        let secrets = [Self.clientSecret, Self.apiKey, stored.accessToken]

        var places: [(String, String)] = [("stderr", stderr)]
        for file in try Self.files(under: stateDirectory) where file != vault {
            places.append((file, String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)))
        }
        let leadID = try #require(setup.sandbox.salesforce.store.records("Lead").first?.id)
        for command in [["journal", "--json", "--limit", "1000"], ["failures", "--json"], ["show", leadID, "--json"],
                        ["status", "--json"], ["conflicts", "--json"]] {
            let result = try BinaryRunner.run(command + ["--db", setup.database])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            places.append((command.joined(separator: " "), result.stdout + result.stderr))
        }
        #expect(places.count >= 8, "\(places.map(\.0))")
        for (place, content) in places {
            for secret in secrets {
                #expect(!content.contains(secret), "\(place) holds a secret (\(secret.prefix(8))…)")
            }
        }
        let metrics = try String(contentsOfFile: metricsPath, encoding: .utf8)
        for (place, content) in [("stderr", stderr), ("metrics", metrics)] {
            for canary in Self.emails + Self.phones {
                #expect(!content.lowercased().contains(canary.lowercased()), "\(place) holds \(canary)")
            }
            #expect(!content.contains("@"), "\(place) holds an '@'")
        }
        // The scan looked at real data: the journal does hold the records it synced.
        let journal = places.first { $0.0.hasPrefix("journal") }?.1 ?? ""
        #expect(Self.emails.contains { journal.contains($0) }, "no canary email in the journal: was anything synced?")
    }

    /// Every regular file below `directory`.
    static func files(under directory: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files
    }

    private struct StoredToken: Decodable {
        let accessToken: String
    }
}
