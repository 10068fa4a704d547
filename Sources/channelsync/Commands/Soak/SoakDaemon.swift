import Foundation
import Glibc

/// One life of the daemon under test: `channelsync run --config PATH` as a child
/// process (this same binary), its output appended to the soak's daemon log.
final class SoakDaemon {
    private let process: Process
    private(set) var killed = false

    /// - Parameter environment: the child's whole environment (the soak removes the
    ///   systemd variables, so the child uses the config's directories).
    init(configPath: String, logPath: String, environment: [String: String]) throws(SoakError) {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["run", "--config", configPath]
        process.environment = environment
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw .spawn("cannot open \(logPath) for the daemon's log") }
        defer { try? log.close() }
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .spawn("\(Self.executable): \(error.localizedDescription)")
        }
    }

    var isRunning: Bool { process.isRunning }

    /// The status it exited with (after `wait`).
    var status: Int32 { process.terminationStatus }

    /// SIGKILL: no handler runs, no batch completes, no outcome is recorded.
    func kill() {
        killed = true
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits for the clean stop; the exit status.
    func terminate() -> Int32 {
        _ = Glibc.kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// This very binary (`/proc/self/exe`), so the soak tests the daemon it was built with.
    static var executable: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments.first ?? "channelsync" }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
