import Foundation
import Testing
import SyncCore

/// `channelsync demo` run as the built binary, as the README tells users to run it.
@Suite("channelsync demo")
struct DemoCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The whole story: exit 0, the summary, the printed inspect commands work and find
    /// the conflict (with its rule) and the delete, no secret in the journal or log,
    /// and the demo's config is the shipped one apart from the documented edits.
    @Test func runsTheStoryAndPrintsInspectCommandsThatWork() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("channelsync-demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("demo dir")  // a space: printed commands must quote it
        // Generous: a debug build on a loaded 2-core machine; it normally ends in ~15 s.
        let result = try BinaryRunner.run(["demo", "--dir", directory.path, "--timeout", "240"])
        #expect(result.status == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
        let out = result.stdout
        for line in ["Daemon started", "registers a new deal", "approves the registration", "already has an open direct opportunity",
                     "Fast-forward 49 hours", "Conflict: on", "deletes", "Daemon stopped cleanly.", "Summary after",
                     "Both systems agree on every mapped field of all", "1 registration held by the channel-conflict check"] {
            #expect(out.contains(line), "missing '\(line)' in:\n\(out)")
        }
        // Every step says what it checked on both systems.
        let checks = out.split(separator: "\n").filter { $0.contains("✓") }
        #expect(checks.count == 8, "\(checks)")
        for phrase in ["approved, protected until", "as duplicate", "offered it to", "The SLA ran out", "policy crm", "propagates deletes"] {
            #expect(checks.contains { $0.contains(phrase) }, "no ✓ line with '\(phrase)' in:\n\(out)")
        }
        let deals = try #require(out.split(separator: "\n").first { $0.hasPrefix("  deals ") })
        #expect(deals.contains("conflicts: 1 decided by rule, 1 waiting for a person") && deals.contains("failures: 0"), "\(deals)")
        let leads = try #require(out.split(separator: "\n").first { $0.hasPrefix("  leads ") })
        #expect(leads.contains("failures: 0"), "\(leads)")
        #expect(!out.contains("@"), "no email address on the terminal")

        // The printed commands, run as printed (minus the comment), with the real path.
        let conflict = try #require(Self.command(in: out, marked: "# the conflict and its rule"))
        let journal = try BinaryRunner.run(conflict)
        #expect(journal.status == 0, "\(journal.stderr)")
        #expect(journal.stdout.contains("policy.crm") && journal.stdout.contains("amount:"), "\(journal.stdout)")
        let delete = try #require(Self.command(in: out, marked: "# the delete"))
        let deleted = try BinaryRunner.run(delete)
        #expect(deleted.stdout.contains("delete.propagate") && deleted.stdout.contains("applied"), "\(deleted.stdout)")

        // The approval reached the portal with the protection end: the shadow shows both
        // sides approved with the same expires_at.
        let approval = try BinaryRunner.run(try #require(Self.command(in: out, marked: "# the approved registration")))
        #expect(approval.status == 0, "\(approval.stderr)")
        let approvedRow = approval.stdout.split(separator: "\n").first { $0.contains("registration_status") }
        #expect(approvedRow.map { $0.components(separatedBy: "approved").count == 3 } == true, "\(approval.stdout)")
        let expiry = try #require(approval.stdout.split(separator: "\n").first { $0.contains("expires_at") })
        let dates = expiry.split(separator: " ").filter { $0.count == 10 && $0.hasPrefix("20") }
        #expect(dates.count == 2 && dates.first == dates.last, "\(expiry)")
        #expect(approval.stdout.contains("registration.appr"), "\(approval.stdout)")

        // The duplicate: an open channel conflict on the registration the story named.
        let duplicateLine = try #require(out.split(separator: "\n").first { $0.contains("# the duplicate registration ") })
        let duplicate = try #require(duplicateLine.components(separatedBy: "# the duplicate registration ").last)
        let conflicts = try BinaryRunner.run(try #require(Self.command(in: out, marked: "# the duplicate registration")))
        #expect(conflicts.status == 0, "\(conflicts.stderr)")
        #expect(conflicts.stdout.split(separator: "\n").contains {
            $0.contains("channel") && $0.contains(" \(duplicate) ") && $0.contains("open")
        }, "\(conflicts.stdout)")

        // The lead: offered by territory, then withdrawn at the SLA and offered on.
        let routes = try BinaryRunner.run(try #require(Self.command(in: out, marked: "# the lead re-routed after its SLA")))
        #expect(routes.status == 0, "\(routes.stderr)")
        #expect(routes.stdout.contains("lead.routing.territory") && routes.stdout.contains("lead.routing.sla_expired")
                    && routes.stdout.contains("did not accept within 48 h"), "\(routes.stdout)")
        let status = try BinaryRunner.run(["status", "--config", directory.appendingPathComponent("channelsync.json5").path])
        #expect(status.status == 0 && status.stdout.contains("deals") && status.stdout.contains("leads"), "\(status)")

        // No secret of the sandbox in the journal, the log or the terminal.
        var stored = Data()
        for file in ["state/channelsync.sqlite", "state/channelsync.sqlite-wal", "daemon.log"] {
            stored.append((try? Data(contentsOf: directory.appendingPathComponent(file))) ?? Data())
        }
        #expect(stored.count > 100_000, "the journal has the demo's rows")
        let haystack = String(decoding: stored, as: UTF8.self) + out + result.stderr
        for secret in ["sandbox-sf-secret", "prm-sandbox-key"] {
            #expect(!haystack.contains(secret), "\(secret) leaked")
        }
        let credential = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("credentials/salesforce-client-secret").path)
        #expect((credential[.posixPermissions] as? Int) == 0o600)

        try checkEmbeddedConfig(in: directory)
    }

    /// The compiled-in config is the shipped one: mappings byte for byte, the service
    /// config equal once the documented demo edits (URLs, directories, schedule, the
    /// portal's request budget) are taken out.
    private func checkEmbeddedConfig(in directory: URL) throws {
        for name in ["deals.json5", "leads.json5"] {
            let shipped = try Data(contentsOf: Self.repository.appendingPathComponent("config/mappings/" + name))
            let demo = try Data(contentsOf: directory.appendingPathComponent("mappings/" + name))
            #expect(shipped == demo, "config/mappings/\(name) changed: run `make embedded-config`")
        }
        let shipped = try Self.load(Self.repository.appendingPathComponent("config/channelsync.json5").path)
        let demo = try Self.load(directory.appendingPathComponent("channelsync.json5").path)
        #expect(shipped.mappings == demo.mappings)
        #expect(demo.service.schedule.interval == .seconds(1) && demo.service.schedule.jitter == .zero)
        #expect(demo.service.stateDirectory == directory.appendingPathComponent("state").path)
        #expect(demo.service.credentialsDirectory == directory.appendingPathComponent("credentials").path)
        var normalized = demo.service
        normalized.stateDirectory = shipped.service.stateDirectory
        normalized.credentialsDirectory = shipped.service.credentialsDirectory
        normalized.schedule = shipped.service.schedule
        normalized.mappings = shipped.service.mappings
        #expect(normalized.remotes.count == shipped.service.remotes.count)
        for (index, remote) in shipped.service.remotes.enumerated() where index < normalized.remotes.count {
            #expect(normalized.remotes[index].baseURL.hasPrefix("http://127.0.0.1:"))
            #expect(normalized.remotes[index].baseURL != remote.baseURL, "the demo points at the sandbox's own ports")
            normalized.remotes[index].baseURL = remote.baseURL
            normalized.remotes[index].auth.tokenURL = remote.auth.tokenURL
            if remote.name == "partner-portal" { normalized.remotes[index].requestBudget = remote.requestBudget }
        }
        #expect(normalized == shipped.service, "config/channelsync.json5 changed: run `make embedded-config`")
    }

    @Test func refusesADirectoryThatIsNotEmpty() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("channelsync-demo-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(FileManager.default.createFile(atPath: root.appendingPathComponent("channelsync.sqlite").path, contents: Data()))
        let result = try BinaryRunner.run(["demo", "--dir", root.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is not empty"), "\(result.stderr)")
    }

    /// Ctrl-C while the story runs: the daemon stops the way SIGTERM stops it, the
    /// demo says it was interrupted and exits 1, and what happened so far is kept.
    @Test func ctrlCStopsTheDaemonCleanly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("channelsync-demo-int-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["demo", "--dir", root.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Interrupt once the daemon runs (condition-based: read its stdout).
        var seen = ""
        let reader = output.fileHandleForReading
        while !seen.contains("Daemon started"), process.isRunning {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGINT)
        let rest = reader.readDataToEndOfFile()
        process.waitUntilExit()
        seen += String(decoding: rest, as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(seen)")
        #expect(seen.contains("Daemon stopped cleanly."), "\(seen)")
        #expect(seen.contains("journal --config"), "the inspect commands are printed after an interruption too")
    }

    /// The line of `output` with the comment `marker`, as arguments (the binary and the
    /// comment dropped).
    private static func command(in output: String, marked marker: String) -> [String]? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains(marker) }),
              let range = line.range(of: marker) else { return nil }
        let text = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        var words: [String] = [], word = "", quoted = false, any = false
        for character in text {
            if character == "'" { quoted.toggle(); any = true; continue }
            if character == " ", !quoted {
                if any || !word.isEmpty { words.append(word) }
                word = ""; any = false
                continue
            }
            word.append(character)
        }
        if any || !word.isEmpty { words.append(word) }
        return Array(words.dropFirst())
    }

    private static func load(_ path: String) throws -> Configuration {
        let result = ConfigLoader.load(path: path) { file in
            guard let data = FileManager.default.contents(atPath: file) else { return .failure(.notFound) }
            return .success(Array(data))
        }
        return try result.get()
    }
}
