import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Runtime: systemd notifications and watchdog")
struct RuntimeNotifyTests {
    @Test(arguments: [false, true])
    func readyStatusWatchdogAndStoppingArriveInOrder(abstract: Bool) async throws {
        let harness = try RuntimeHarness(abstractSocket: abstract)
        defer { harness.socket.close() }
        let cycles = Shared(0)
        let runtime = try harness.runtime(watchdog: .milliseconds(20)) { context in
            cycles.update { $0 += 1 }
            return CycleReport(records: [RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied"): 2])
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { cycles.get >= 3 && harness.socket.count("WATCHDOG=1") >= 2 })
        #expect(await eventually { harness.socket.assignments.filter { $0.hasPrefix("STATUS=deals: ok") }.count >= 2 })
        harness.signals.deliver(.terminate)
        #expect(await run.wait() == .stopped)
        let sequence = harness.socket.assignments
        #expect(sequence.first == "READY=1")
        #expect(sequence.filter { $0 == "READY=1" }.count == 1)
        let stopping = try #require(sequence.firstIndex(of: "STOPPING=1"))
        #expect(sequence.filter { $0 == "STOPPING=1" }.count == 1)
        let beforeStop = sequence[..<stopping]
        #expect(beforeStop.contains("WATCHDOG=1"))
        #expect(beforeStop.contains { $0.hasPrefix("STATUS=deals: ok, 2 records in") })
        #expect(!sequence[stopping...].contains("READY=1"))
        #expect(RunOutcome.stopped.exitCode == 0)
    }

    @Test func aWedgedCycleStopsTheWatchdogPingsAndProgressResumesThem() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let gate = Gate()
        let entered = Shared(0)
        let settings = RuntimeHarness.settings(interval: .seconds(3600), stallTimeout: .milliseconds(200))
        let runtime = try harness.runtime(settings: settings, watchdog: .milliseconds(25)) { _ in
            entered.update { $0 += 1 }
            gate.wait()
            return CycleReport()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { entered.get == 1 })
        #expect(await eventually { harness.capture.contains("withholding watchdog pings") })
        // Every ping sent before the decision to withhold is already in the socket;
        // the marker separates them from anything sent later.
        try harness.socket.mark("marker")
        #expect(await eventually { harness.socket.assignments.contains("STATUS=marker") })
        try await Task.sleep(for: .milliseconds(300))
        let afterMarker = harness.socket.assignments.drop { $0 != "STATUS=marker" }
        #expect(!afterMarker.contains("WATCHDOG=1"), "a ping went out while the cycle was wedged")
        #expect(harness.capture.all.first { $0.message.contains("withholding") }?.value(of: "stalled") == "deals")
        gate.open()
        #expect(await eventually { harness.socket.assignments.drop { $0 != "STATUS=marker" }.contains("WATCHDOG=1") })
        #expect(harness.capture.contains("watchdog pings resumed"))
        runtime.stop()
        #expect(await run.wait() == .stopped)
    }

    @Test func pageProgressFeedsTheWatchdogTheLogAndTheStatus() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let settings = RuntimeHarness.settings(interval: .seconds(3600), stallTimeout: .milliseconds(500),
                                               progressInterval: .zero)
        let done = Shared(false)
        let runtime = try harness.runtime(settings: settings, watchdog: .milliseconds(25)) { context in
            // A long initial sync: twice the stall timeout overall, but a page every 50 ms.
            for _ in 0..<20 {
                usleep(50_000)
                context.pageDone(records: 100)
            }
            done.set(true)
            return CycleReport(records: [RecordOutcomeKey(direction: "to_prm", operation: "create", result: "applied"): 2000])
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { done.get })
        runtime.stop()
        #expect(await run.wait() == .stopped)
        #expect(!harness.capture.contains("withholding watchdog pings"))
        let progress = harness.capture.all.filter { $0.message == "sync progress" }
        #expect(progress.count == 20)
        #expect(progress.last?.value(of: "pages") == "20" && progress.last?.value(of: "records") == "2000")
        #expect(Double(progress.last?.value(of: "records_per_s") ?? "") ?? 0 > 0)
        #expect(harness.socket.assignments.contains { $0.hasPrefix("STATUS=deals: syncing, 20 pages, 2000 records,") })
    }
}

@Suite("Runtime: notify socket failures")
struct NotifyFailureTests {
    @Test func aBrokenNotifySocketIsLoggedOnceNotOnEveryPing() async throws {
        let capture = LogCapture()
        let environment = RuntimeEnvironment(
            logger: capture.logger(), notifier: Notifier(address: try NotifyAddress("/nonexistent/channelsync/notify")),
            watchdogInterval: .milliseconds(5), signals: ManualSignals(), random: JitterRandom { 0 },
            build: BuildInfo(version: "t"))
        let cycles = Shared(0)
        let runtime = DaemonRuntime<String>(
            initial: LoadedConfig(config: "v1", settings: RuntimeHarness.settings(interval: .milliseconds(5))),
            environment: environment, loader: { throw DaemonError.configRejected(problems: ["unused"]) },
            cycle: { _ in cycles.update { $0 += 1 }; return CycleReport() })
        let run = BackgroundRun(runtime)
        #expect(await eventually { cycles.get >= 5 })
        runtime.stop()
        #expect(await run.wait() == .stopped)
        #expect(capture.all.filter { $0.message.contains("sd_notify failed") }.count == 1)
    }
}
