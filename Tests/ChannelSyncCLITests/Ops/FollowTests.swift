import Foundation
import SyncStore
import Testing

@Suite struct FollowTests {
    /// Reads stdout of a long-running process line by line, with a deadline.
    final class LineReader {
        let process = Process()
        private let pipe = Pipe()
        private var buffer: [UInt8] = []

        init(_ arguments: [String]) throws {
            process.executableURL = BinaryRunner.binary
            process.arguments = arguments
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func line(timeout: TimeInterval = 60) throws -> String? {
            let descriptor = pipe.fileHandleForReading.fileDescriptor
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let newline = buffer.firstIndex(of: 10) {
                    defer { buffer.removeSubrange(...newline) }
                    return String(decoding: buffer[..<newline], as: UTF8.self)
                }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return nil }
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&request, 1, Int32(min(remaining * 1_000, 1_000))) > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4_096)
                let count = read(descriptor, &chunk, chunk.count)
                guard count > 0 else { return nil }
                buffer.append(contentsOf: chunk[..<count])
            }
        }

        /// SIGTERM, as `kill` would send (the command unblocks it even if this test
        /// runner's threads block it).
        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    @Test func followStreamsNewMatchingRowsAsJSONLines() throws {
        try withFixture { fixture, _ in
            let reader = try LineReader(["journal", "--db", fixture.path, "--follow", "--json", "--interval", "100ms",
                                         "--mapping", "leads", "--limit", "2"])
            defer { reader.stop() }
            // The newest two matching rows first.
            for _ in 0..<2 {
                let line = try #require(try reader.line())
                #expect(try jsonObject(line)["mapping"] as? String == "leads")
            }
            let state = try SyncState.open(path: fixture.path)
            defer { try? state.close() }
            try state.recordDecisions([
                DecisionDraft(JournalDraft(mapping: "deals", linkID: "L-1", operation: "none", rule: "echo.suppressed"), status: .skipped),
                DecisionDraft(JournalDraft(mapping: "leads", linkID: "L-9", operation: "none", rule: "converged"), status: .skipped),
            ])
            let streamed = try jsonObject(try #require(try reader.line()))
            #expect(streamed["mapping"] as? String == "leads")
            #expect(streamed["rule"] as? String == "converged")
            try state.recordDecisions([
                DecisionDraft(JournalDraft(mapping: "leads", linkID: "L-9", operation: "link", rule: "link.matchKey"), status: .applied),
            ])
            let next = try jsonObject(try #require(try reader.line()))
            #expect(next["rule"] as? String == "link.matchKey")
            #expect((next["seq"] as? Int ?? 0) > (streamed["seq"] as? Int ?? 0))
            reader.stop()
            #expect(reader.process.terminationReason == .uncaughtSignal && reader.process.terminationStatus == SIGTERM)
        }
    }
}
