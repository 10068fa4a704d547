import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Runtime: cycles, circuits, metrics")
struct RuntimeCycleTests {
    @Test func aFailingRemoteTripsItsCircuitForEveryMappingThatUsesIt() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let healthy = Shared(false)
        let calls = Shared<[String: Int]>([:])
        let policy = CircuitPolicy(failureThreshold: 2, cooldown: .milliseconds(300), maxCooldown: .seconds(1))
        let settings = RuntimeSettings(
            schedules: [MappingSchedule(mapping: "deals", interval: .milliseconds(10), remotes: ["crm", "prm"]),
                        MappingSchedule(mapping: "leads", interval: .milliseconds(10), remotes: ["crm"])],
            circuit: policy)
        let runtime = try harness.runtime(settings: settings) { context in
            calls.update { $0[context.mapping, default: 0] += 1 }
            guard healthy.get else {
                return CycleReport(failure: "crm unreachable", remotes: ["crm": .failed(reason: "connect timeout")])
            }
            return CycleReport(remotes: ["crm": .reached])
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { harness.capture.contains("circuit opened") })
        #expect(await eventually { harness.capture.all.filter { $0.message.contains("cycle skipped") }.count >= 4 })
        let skipped = harness.capture.all.filter { $0.message.contains("cycle skipped") }
        #expect(Set(skipped.compactMap { $0.value(of: "mapping") }) == ["deals", "leads"])
        #expect(skipped.allSatisfy { $0.value(of: "remote") == "crm" })
        healthy.set(true)
        #expect(await eventually { harness.capture.contains("circuit closed") })
        runtime.stop()
        #expect(await run.wait() == .stopped)

        // Between opening and the half-open probe, no cycle reached the remote.
        let events = harness.capture.all
        let opened = try #require(events.firstIndex { $0.message.contains("circuit opened") })
        let halfOpen = try #require(events.firstIndex { $0.message.contains("half-open") })
        #expect(halfOpen > opened)
        // The other mapping's cycle may have begun just before the circuit opened and
        // log after it: cycles are numbered as they begin, so only numbers above those
        // two (the failing one, logged before the transition, and at most one more) count.
        let opener = try #require(events[..<opened].last { $0.message == "cycle failed" }?.value(of: "cycle").flatMap { Int($0) })
        let reached = events[(opened + 1)..<halfOpen].filter { event in
            (event.message == "cycle failed" || event.message == "cycle started")
                && (event.value(of: "cycle").flatMap { Int($0) } ?? .max) > opener + 1
        }
        #expect(reached.isEmpty, "\(reached)")
        #expect(events[opened].value(of: "remote") == "crm" && events[opened].level == .warning)
        let metrics = runtime.state.withLock { $0.metrics }
        #expect(metrics.remotes["crm"]?.circuit == .closed)
        #expect((metrics.mappings["deals"]?.cycles["skipped"] ?? 0) + (metrics.mappings["leads"]?.cycles["skipped"] ?? 0) >= 4)
    }

    @Test func theMetricsFileIsWrittenAfterEachCycleAndParses() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let path = harness.stateDirectory + "/channelsync.prom"
        let cycles = Shared(0)
        let runtime = try harness.runtime(settings: RuntimeHarness.settings(metricsFile: path)) { _ in
            let count = cycles.update { value -> Int in value += 1; return value }
            return CycleReport(records: [RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied"): 1],
                               requests: ["crm": ["200": 2]], pendingIntents: count)
        }
        let run = BackgroundRun(runtime)
        // Cycles keep running while this polls, so wait for "at least three", not for exactly 3.
        #expect(await eventually {
            guard let text = ControlFiles.readSmallFile(path), let families = try? ExpositionParser.parse(text) else { return false }
            return (families.first { $0.name == "channelsync_pending_intents" }?.samples.first?.value ?? 0) >= 3
        })
        runtime.stop()
        #expect(await run.wait() == .stopped)
        let text = try #require(ControlFiles.readSmallFile(path))
        let families = try ExpositionParser.parse(text)
        let synced = families.first { $0.name == "channelsync_records_synced_total" }?.samples.first?.value
        #expect(synced == Double(cycles.get), "the final flush holds every finished cycle")
        #expect(families.first { $0.name == "channelsync_api_requests_total" }?.samples.first?.value == Double(2 * cycles.get))
    }

    @Test func aThrowingCycleIsAFailedCycleNotACrash() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        struct StoreBroke: Error, CustomStringConvertible { var description: String { "database is locked" } }
        let runtime = try harness.runtime(settings: RuntimeHarness.settings(interval: .seconds(3600))) { _ in
            throw StoreBroke()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { harness.capture.contains("cycle failed") })
        runtime.stop()
        #expect(await run.wait() == .stopped)
        let failed = harness.capture.all.first { $0.message == "cycle failed" }
        #expect(failed?.level == .error && failed?.value(of: "reason") == "database is locked")
        #expect(failed?.value(of: "mapping") == "deals" && failed?.value(of: "cycle") == "1")
        #expect(harness.socket.assignments.contains { $0.hasPrefix("STATUS=deals: failed after") })
        #expect(runtime.state.withLock { $0.breakers["crm"]?.state } == .closed(consecutiveFailures: 0),
                "an error not attributed to a remote leaves its circuit alone")
    }
}
