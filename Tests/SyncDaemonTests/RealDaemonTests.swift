import Foundation
import Sandbox
import SyncCore
import Testing
@testable import SyncDaemon

/// The runtime with real cycles: real connectors over loopback HTTP to the sandbox.
@Suite("Daemon with real cycles")
struct RealDaemonTests {
    /// A portal request that hangs (4 s, well under the HTTP timeout) wedges the cycle past
    /// the stall timeout (1 s): WATCHDOG=1 pings stop while it hangs and resume after it.
    /// The runtime's own log lines put markers into the notify sequence, so the check does
    /// not depend on when this test's thread gets to run on a loaded machine.
    @Test func aWedgedCycleStopsTheWatchdogPingsUntilItEnds() async throws {
        let withholding = "cycle made no progress within the stall timeout; withholding watchdog pings"
        let resumed = "cycles progress again; watchdog pings resumed"
        let daemon = try RealDaemon(stallTimeout: .seconds(1), watchdog: .milliseconds(50), markers: [withholding, resumed])
        let socket = daemon.harness.socket
        let capture = daemon.harness.capture
        try daemon.world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        daemon.world.wait()
        daemon.world.portal.inject(.delay(milliseconds: 4_000), route: "impartner.list")
        let run = BackgroundRun(daemon.runtime)
        #expect(await eventually(timeout: .seconds(120)) {
            RealDaemon.cyclesEnded(capture) == 1 && socket.assignments.drop { $0 != "STATUS=" + resumed }.contains("WATCHDOG=1")
        }, "pings did not stop and resume: \(capture.lines())")
        daemon.harness.signals.deliver(.terminate)
        #expect(await run.wait(timeout: .seconds(60)) == .stopped)

        let assignments = socket.assignments
        let wedged = try #require(assignments.firstIndex(of: "STATUS=" + withholding))
        let back = try #require(assignments.firstIndex(of: "STATUS=" + resumed))
        #expect(wedged < back)
        #expect(assignments[..<wedged].contains("WATCHDOG=1"), "pings before the wedge")
        // From the wedge being seen until the hanging request returned (about 3 s, 60
        // ticks), not one ping; then they come again.
        #expect(!assignments[wedged..<back].contains("WATCHDOG=1"), "\(assignments[wedged..<back])")
        #expect(assignments[back...].contains("WATCHDOG=1"))
        let finished = capture.all.first { $0.message == "cycle finished" && $0.value(of: "mapping") == "deals" }
        #expect((finished?.value(of: "duration_ms").flatMap { Int($0) } ?? 0) >= 4_000,
                "the wedged cycle finished normally after the hang: \(capture.lines())")
        #expect((finished?.value(of: "pull_ms").flatMap { Int($0) } ?? 0) >= 4_000, "the hang was in the pull")
        #expect(finished?.value(of: "reconcile_ms").flatMap { Int($0) } != nil)
    }

    /// The metrics file after real cycles: requests by remote and HTTP status (a 503 the
    /// retry cleared counts as a 503 and a 200), throttled requests (a 429 the retry
    /// cleared), quota remaining from Salesforce's `Sforce-Limit-Info`, in a file that
    /// parses as Prometheus text.
    @Test func metricsCountRequestsByRemoteAndStatusThrottlingAndQuota() async throws {
        let daemon = try RealDaemon()
        let capture = daemon.harness.capture
        try daemon.world.salesforce.seed("Opportunity", fields: CycleDealsTests.acme)
        daemon.world.wait()
        daemon.world.portal.inject(.status(503), route: "impartner.list")
        daemon.world.salesforce.inject(.status(429, retryAfter: "0"), route: "salesforce.query*")
        let run = BackgroundRun(daemon.runtime)
        #expect(await eventually(timeout: .seconds(60)) { RealDaemon.cyclesEnded(capture) == 1 }, "\(capture.lines())")
        daemon.harness.signals.deliver(.terminate)
        #expect(await run.wait(timeout: .seconds(30)) == .stopped)

        let text = try #require(ControlFiles.readSmallFile(daemon.metricsPath))
        let families = try ExpositionParser.parse(text)
        func value(_ name: String, _ labels: [String: String]) -> Double? {
            families.first { $0.name == name }?.samples.first { $0.labels == labels }?.value
        }
        let requests = "channelsync_api_requests_total"
        #expect(value(requests, ["remote": "partner-portal", "status": "503"]) == 1, "\(text)")
        #expect(value(requests, ["remote": "partner-portal", "status": "200"]) == 2, "list and create: \(text)")
        #expect(value(requests, ["remote": "salesforce", "status": "429"]) == 1, "\(text)")
        #expect((value(requests, ["remote": "salesforce", "status": "200"]) ?? 0) >= 2, "token and query: \(text)")
        #expect(value("channelsync_api_throttled_total", ["remote": "salesforce"]) == 1, "\(text)")
        #expect(value("channelsync_api_throttled_total", ["remote": "partner-portal"]) == 0, "\(text)")
        #expect((value("channelsync_api_quota_remaining", ["remote": "salesforce"]) ?? 0) > 0, "\(text)")
        #expect(!text.contains("status=\"all\""), "\(text)")
        // The sandbox saw exactly the requests the metrics count.
        let counted = families.first { $0.name == requests }?.samples.reduce(0) { $0 + $1.value } ?? 0
        let served = daemon.world.sandbox.totalRequests
        #expect(Int(counted) == served, "metrics count \(counted) requests, the sandbox served \(served)")
    }
}
