import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Runtime: stopping")
struct RuntimeStopTests {
    @Test func sigtermDuringALongCycleWaitsForItThenStopsCleanly() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let gate = Gate()
        let cycles = Shared(0)
        let sawStopping = Shared(false)
        let runtime = try harness.runtime { context in
            cycles.update { $0 += 1 }
            gate.wait()
            sawStopping.set(context.isStopping)
            return CycleReport(records: [RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied"): 1])
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { cycles.get == 1 })
        harness.signals.deliver(.terminate)
        #expect(await eventually { harness.socket.assignments.contains("STOPPING=1") })
        try await Task.sleep(for: .milliseconds(100))
        #expect(run.outcome == nil, "run() returned while a cycle was still running")
        gate.open()
        let outcome = await run.wait()
        #expect(outcome == .stopped)
        #expect(outcome?.exitCode == 0)
        #expect(sawStopping.get, "the cycle could see the stop request and end at a batch boundary")
        #expect(cycles.get == 1, "no cycle starts after the stop request")
        // The in-flight cycle's outcome made it into the final metrics flush.
        #expect(runtime.state.withLock { $0.metrics.mappings["deals"]?.cycles["success"] } == 1)
        #expect(harness.capture.contains("stopped cleanly"))
    }

    @Test func theStopTimeoutBoundsTheWaitForAWedgedCycle() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let gate = Gate()
        defer { gate.open() }
        let cycles = Shared(0)
        let settings = RuntimeHarness.settings(stopTimeout: .milliseconds(200))
        let runtime = try harness.runtime(settings: settings) { _ in
            cycles.update { $0 += 1 }
            gate.wait()
            return CycleReport()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { cycles.get == 1 })
        harness.signals.deliver(.interrupt)
        let outcome = await run.wait()
        #expect(outcome == .stopTimedOut(running: ["deals"]))
        #expect(outcome?.exitCode == 1)
        #expect(harness.capture.all.contains { $0.level == .error && $0.message.contains("stop timeout") })
    }

    @Test func aSecondSignalAbortsAtOnce() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let gate = Gate()
        defer { gate.open() }
        let cycles = Shared(0)
        let runtime = try harness.runtime { _ in
            cycles.update { $0 += 1 }
            gate.wait()
            return CycleReport()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { cycles.get == 1 })
        harness.signals.deliver(.terminate)
        harness.signals.deliver(.terminate)
        let outcome = await run.wait()
        #expect(outcome == .aborted(.terminate))
        #expect(outcome?.exitCode == 128 + SIGTERM)
        #expect(harness.capture.contains("second stop signal"))
    }

    @Test func stopWithoutRunningCyclesIsImmediateAndReloadIsIgnoredWhileStopping() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let runtime = try harness.runtime(settings: RuntimeHarness.settings(interval: .seconds(3600))) { _ in CycleReport() }
        let run = BackgroundRun(runtime)
        #expect(await eventually { harness.signals.isStarted })
        #expect(await eventually { harness.capture.contains("cycle finished") })
        harness.signals.deliver(.terminate)
        #expect(await run.wait() == .stopped)
        #expect(await offPool { runtime.reload() } == .ignored)
        #expect(!harness.signals.isStarted, "signal delivery is cancelled once stopped")
    }
}
