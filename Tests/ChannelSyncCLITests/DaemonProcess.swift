import Foundation

/// `channelsync run` as systemd starts it: the built binary with a notify socket, no
/// systemd directories from the test runner's environment, stderr into a file (a pipe
/// nobody reads would fill up and block a chatty daemon).
final class DaemonProcess {
    let process = Process()
    let socket: NotifySocket
    let stderrPath: String
    private(set) var messages: [String] = []

    /// `wrapper`: a command that execs the binary with its arguments (`setpriv …`,
    /// `prlimit …`); empty runs the binary directly.
    init(config: String, environment extra: [String: String] = [:], wrapper: [String] = []) throws {
        socket = try NotifySocket()
        stderrPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("channelsync-run-\(UUID().uuidString.prefix(8)).log").path
        guard FileManager.default.createFile(atPath: stderrPath, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stderrPath])
        }
        if let launcher = wrapper.first {
            process.executableURL = URL(fileURLWithPath: launcher)
            process.arguments = Array(wrapper.dropFirst()) + [BinaryRunner.binary.path, "run", "--config", config]
        } else {
            process.executableURL = BinaryRunner.binary
            process.arguments = ["run", "--config", config]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = socket.path
        environment["CREDENTIALS_DIRECTORY"] = ""
        environment["STATE_DIRECTORY"] = ""
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: stderrPath)
    }

    var pid: Int32 { process.processIdentifier }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Collects notify messages until one satisfies `condition` (true) or `timeout` passes.
    @discardableResult
    func waitForMessage(timeout: TimeInterval = 60, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let message = socket.receive(timeoutMilliseconds: 100) else {
                if !process.isRunning { return false }
                continue
            }
            messages.append(message)
            if condition(message) { return true }
        }
        return false
    }

    /// Polls `condition` (with notify messages collected meanwhile) until it holds; gives
    /// up early when the daemon exited.
    @discardableResult
    func waitUntil(timeout: TimeInterval = 60, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            if let message = socket.receive(timeoutMilliseconds: 20) { messages.append(message) }
        }
        return condition()
    }

    /// Waits for the process to exit; nil when it is still running after `timeout`.
    func exitStatus(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            if let message = socket.receive(timeoutMilliseconds: 20) { messages.append(message) }
        }
        guard !process.isRunning else { return nil }
        process.waitUntilExit()
        while let message = socket.receive(timeoutMilliseconds: 50) { messages.append(message) }
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}
