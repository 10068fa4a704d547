import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// `channelsync sandbox` as a user runs it: the built binary, real ports, a real signal.
@Suite struct SandboxCommandTests {
    /// The `channelsync` SwiftPM built next to the test bundle (`CHANNELSYNC_BIN` overrides).
    static var binary: URL? {
        if let path = ProcessInfo.processInfo.environment["CHANNELSYNC_BIN"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("channelsync")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    struct MissingBinary: Error, CustomStringConvertible {
        var description: String { "no channelsync binary next to the tests: run swift build --build-tests first" }
    }

    func launch(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        guard let binary = Self.binary else { throw MissingBinary() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @Test func servesUntilTerminatedAndReportsItsRequests() throws {
        let urls = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-urls-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: urls) }
        let (process, out, _) = try launch(["sandbox", "--clock", "manual", "--urls-file", urls.path])
        defer { if process.isRunning { process.terminate() } }
        // Generous: the machine may be busy.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: urls.path), Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let written = try JSONParser().parse(try Data(contentsOf: urls))
        let impartner = try #require(written["impartner"]?.asString)
        let port = try #require(UInt16(impartner.split(separator: ":").last ?? ""))
        let answer = try #require(try LoopbackClient(port: port).send("GET", "/prm/api/objects/v1/Deal?take=2",
                                                                      headers: ["Authorization": "prm-key prm-sandbox-key"]))
        #expect(answer.status == 200)
        #expect(try JSONParser().parse(answer.body)["data"]?["count"] == .int(5), "the demo data is there")
        #expect(written["admin"]?.asString?.hasSuffix("/__admin") == true)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("impartner     \(impartner)"))
        #expect(printed.contains("stopped after 1 requests: impartner.list=1"))
    }

    @Test func badOptionsAndConfigurationsAreExplained() throws {
        let (usage, _, usageErr) = try launch(["sandbox", "--seed", "lots"])
        usage.waitUntilExit()
        #expect(usage.terminationStatus == 64)
        #expect(String(decoding: usageErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .contains("--seed takes demo or none, not 'lots'"))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString).json5")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("{ hubspot: { burstLimt: 3 } }".utf8).write(to: file)
        let (failing, _, failingErr) = try launch(["sandbox", "--config", file.path])
        failing.waitUntilExit()
        #expect(failing.terminationStatus == 1)
        let message = String(decoding: failingErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("hubspot.burstLimt: unknown key (did you mean 'burstLimit'?)"), "\(message)")
    }
}
