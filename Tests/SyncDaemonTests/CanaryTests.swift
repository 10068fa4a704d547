import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

/// Seeds secrets and emails everywhere a careless cycle could put them and
/// checks that neither the log output nor the metrics file contains any.
@Suite("No secrets or emails in logs and metrics")
struct CanaryTests {
    static let secret = "CANARY-SECRET-d41d8cd98f00b204"
    static let token = "CANARY-TOKEN-9e107d9d372bb682"
    static let emails = ["jane.doe@example.com", "Partner.Rep+deals@reseller.example.org", "ops@example.net"]

    @Test func canariesNeverReachTheLogOrTheMetricsFile() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let credentials = try TemporaryDirectory.make()
        let fd = open(credentials + "/crm-secret", O_CREAT | O_WRONLY, 0o644)
        _ = Self.secret.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let metricsPath = harness.stateDirectory + "/channelsync.prom"
        let redactor = LogRedactor(secretKeys: ["x-partner-key"])
        let settings = RuntimeSettings(
            schedules: [MappingSchedule(mapping: "deals-\(Self.emails[2])", interval: .seconds(3600), remotes: ["crm"])],
            metricsFile: metricsPath)
        let logger = harness.capture.logger(level: .debug, redactor: redactor)
        let store = CredentialStore(sources: CredentialSources(environment: ["CREDENTIALS_DIRECTORY": credentials]),
                                    logger: logger)
        let vault = TokenVault(stateDirectory: harness.stateDirectory, logger: logger)
        let done = Shared(false)
        let runtime = try harness.runtime(settings: settings, redactor: redactor) { context in
            let secret = try store.read("crm-secret")
            try vault.save("crm", Secret(Self.token))
            let email = Self.emails[0]
            context.logger.info("pushed lead for \(email) with \(secret)", [
                "email": Self.emails[1], "authorization": "Bearer \(Self.token)", "client_secret": secret.reveal(),
                "X-Partner-Key": Self.token, "note": "contact \(Self.emails[0].uppercased()) about \(Self.emails[1])",
            ])
            context.logger.debug("token refreshed", ["access_token": Self.token, "refresh_token": Self.secret])
            context.logger.warning("write failed", ["error": "HTTP 400: duplicate email \(email)", "secret": "\(secret)"])
            context.logger.error("remote refused: request had Authorization: Bearer \(Self.token)")
            context.pageDone(records: 1)
            done.set(true)
            return CycleReport(
                failure: "remote said: no user \(Self.emails[1]) (Authorization: Bearer \(Self.token))",
                records: [RecordOutcomeKey(direction: "to_crm", operation: "update by \(email)", result: "failed"): 1],
                requests: ["crm-\(Self.emails[2])": ["400": 1]],
                remotes: ["crm": .failed(reason: "user \(email) locked out")],
                summary: "1 failed for \(email)")
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { done.get })
        runtime.stop()
        #expect(await run.wait() == .stopped)

        let logText = (harness.capture.lines(style: .journal) + harness.capture.lines(style: .plain)).joined(separator: "\n")
        let metricsText = try #require(ControlFiles.readSmallFile(metricsPath))
        let statusText = harness.socket.assignments.joined(separator: "\n")
        for (name, text) in [("log", logText), ("metrics", metricsText), ("status", statusText)] {
            for canary in [Self.secret, Self.token] + Self.emails + Self.emails.map({ $0.lowercased() }) {
                #expect(!text.lowercased().contains(canary.lowercased()), "\(name) contains \(canary)")
            }
            #expect(!text.contains("@"), "\(name) contains an '@'")
        }
        // The redaction must keep the lines useful: pseudonyms and redaction markers are there.
        #expect(logText.contains("email:"))
        #expect(logText.contains("[redacted]"))
        #expect(metricsText.contains("email:"))
        #expect(try ExpositionParser.parse(metricsText).isEmpty == false)
        #expect(harness.capture.all.contains { $0.message.contains("readable by group or others") })
    }
}
