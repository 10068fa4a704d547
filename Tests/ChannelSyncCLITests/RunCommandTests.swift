import Foundation
import Testing

/// `channelsync run` as systemd runs it: the built binary against an in-process
/// sandbox, with a notify socket, stopped by SIGTERM.
@Suite("channelsync run")
struct RunCommandTests {
    @Test func syncsOnScheduleNotifiesSystemdAndStopsCleanlyOnSIGTERM() throws {
        let setup = try OnceCommandTests.Setup()
        try setup.seed()
        try setup.schedule(interval: "1s", jitter: "100ms")
        let socket = try NotifySocket()
        let process = Process()
        process.executableURL = BinaryRunner.binary
        process.arguments = ["run", "--config", setup.config]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = socket.path
        environment["CREDENTIALS_DIRECTORY"] = ""
        environment["STATE_DIRECTORY"] = ""
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // READY first, then STATUS lines once both mappings finished a cycle with writes.
        let deadline = Date().addingTimeInterval(60)
        var messages: [String] = []
        while Date() < deadline, !(setup.writes.values.reduce(0, +) > 0 && messages.contains { $0.contains("deals: ok") }) {
            if let message = socket.receive(timeoutMilliseconds: 200) { messages.append(message) }
        }
        #expect(messages.first?.hasPrefix("READY=1") == true, "\(messages)")
        #expect(setup.writes.values.reduce(0, +) > 0, "the daemon synced the seeded records")

        process.terminate()
        let stopped = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopped { usleep(20_000) }
        #expect(!process.isRunning, "SIGTERM did not stop the daemon")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        while let message = socket.receive(timeoutMilliseconds: 100) { messages.append(message) }
        #expect(messages.contains { $0.hasPrefix("STOPPING=1") })
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("cycle finished"))
        #expect(!log.contains("sandbox-sf-secret") && !log.contains("prm-sandbox-key"), "no secret in the log")
    }
}
