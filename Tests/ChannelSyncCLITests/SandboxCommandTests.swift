import Foundation
import Sandbox
import SyncHTTP
import Testing

/// `channelsync sandbox` as a user starts it: it must print where each API lives,
/// honour --port, serve the admin endpoint there, and stop on SIGTERM.
@Suite struct SandboxCommandTests {
    /// Five consecutive ports below the kernel's ephemeral range, where no listener of
    /// a parallel test (they all bind port 0) and no outgoing connection can be.
    static func freePortRange() throws -> UInt16 {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        let ephemeralLow = range.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
        let upper = max(2_000, min(ephemeralLow, 65_530) - 10)
        return UInt16(Int.random(in: 1_024...upper))
    }

    @Test func servesOnTheRequestedPortsUntilTerminated() throws {
        // Other tests open loopback listeners in parallel and may take a port of the range
        // between the probe and the start: then the sandbox exits at once, and a fresh
        // range is tried (at most three times).
        var port: UInt16 = 0
        var text = ""
        var process = Process()
        for _ in 0..<3 {
            port = try Self.freePortRange()
            process = Process()
            process.executableURL = BinaryRunner.binary
            process.arguments = ["sandbox", "--port", String(port), "--seed", "demo"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            text = ""
            let deadline = Date().addingTimeInterval(30)
            while !text.contains("Ctrl-C"), Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            if text.contains("Ctrl-C") { break }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        defer { if process.isRunning { process.terminate() } }
        #expect(text.contains("salesforce    http://127.0.0.1:\(port)"), "\(text)")
        #expect(text.contains("generic       http://127.0.0.1:\(port + 4)"))
        let client = try HTTPClient(remote: RemoteConfig(name: "sandbox"))
        let counts = try client.send(HTTPRequest(.get, "http://127.0.0.1:\(port)/__admin/counts"))
        #expect(counts.status == 200)
        #expect(String(decoding: counts.body, as: UTF8.self).hasPrefix("{"))
        process.terminate()
        // Bounded: a sandbox that ignored SIGTERM must fail the test, not hang it.
        let exited = Date().addingTimeInterval(20)
        while process.isRunning, Date() < exited { usleep(20_000) }
        #expect(!process.isRunning, "SIGTERM did not stop the sandbox")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test func aPrivilegedPortIsAUsageError() throws {
        let result = try BinaryRunner.run(["sandbox", "--port", "80"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port takes a whole number from 1024"))
    }
}
