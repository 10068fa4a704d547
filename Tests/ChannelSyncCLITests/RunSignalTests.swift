import Foundation
import Testing

/// The stop signal as systemd sends it: at any moment, including right after `READY=1`.
@Suite("channelsync run: signals")
struct RunSignalTests {
    /// A SIGTERM right after READY=1 once raced the asynchronous arming of a dispatch signal
    /// source (the signal was ignored and the daemon kept running). Twenty starts, each
    /// stopped the moment READY=1 arrives, must all exit 0 promptly.
    @Test func sigtermRightAfterReadyIsNeverLost() throws {
        let setup = try OnceCommandTests.Setup()
        var failures: [String] = []
        for attempt in 1...20 {
            let daemon = try DaemonProcess(config: setup.config)
            guard daemon.waitForMessage(timeout: 60, { $0.hasPrefix("READY=1") }) else {
                failures.append("attempt \(attempt): no READY=1; stderr: \(daemon.stderr)")
                continue
            }
            kill(daemon.pid, SIGTERM)
            let status = daemon.exitStatus(timeout: 30)
            if status != 0 {
                failures.append("attempt \(attempt): exit \(status.map(String.init) ?? "none within 30s"); stderr: \(daemon.stderr)")
            } else if !daemon.messages.contains(where: { $0.hasPrefix("STOPPING=1") }) {
                failures.append("attempt \(attempt): no STOPPING=1 in \(daemon.messages)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
