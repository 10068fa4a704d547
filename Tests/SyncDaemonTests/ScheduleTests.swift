import Dispatch
import Glibc
import Testing
@testable import SyncDaemon

@Suite("Per-mapping scheduling")
struct ScheduleTests {
    @Test(arguments: [0.0, 0.25, 0.999_999, 1.0, 7.5, -3.0, Double.nan])
    func jitterStaysWithinBounds(draw: Double) {
        let schedule = MappingSchedule(mapping: "deals", interval: .seconds(60), jitter: .seconds(10), remotes: [])
        let random = JitterRandom { draw }
        let next = ScheduleDelay.next(schedule, random: random)
        let initial = ScheduleDelay.initial(schedule, random: random)
        #expect(next >= .seconds(60) && next <= .seconds(70))
        #expect(initial >= .zero && initial <= .seconds(10))
        if draw == 0.25 {
            #expect(next == .milliseconds(62_500))
            #expect(initial == .milliseconds(2_500))
        }
    }

    @Test func jitterFromASeededSequenceCoversTheRange() {
        let schedule = MappingSchedule(mapping: "leads", interval: .seconds(30), jitter: .seconds(5), remotes: [])
        let state = Shared<UInt64>(0x9E37_79B9_7F4A_7C15)
        let random = JitterRandom {
            state.update { value -> Double in
                value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(value >> 11) / Double(1 << 53)
            }
        }
        let delays = (0..<500).map { _ in ScheduleDelay.next(schedule, random: random) }
        #expect(delays.allSatisfy { $0 >= .seconds(30) && $0 <= .seconds(35) })
        #expect(delays.contains { $0 < .milliseconds(30_500) } && delays.contains { $0 > .milliseconds(34_500) })
    }

    @Test func aSlowCycleNeverOverlapsItselfAtAShortInterval() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let active = Shared(0)
        let maxActive = Shared(0)
        let runs = Shared<[(start: UInt64, end: UInt64)]>([])
        scheduler.apply([MappingSchedule(mapping: "deals", interval: .milliseconds(1), remotes: [])]) { _ in
            let start = MonotonicClock.system.now().nanoseconds
            let now = active.update { value -> Int in value += 1; return value }
            maxActive.update { $0 = max($0, now) }
            usleep(30_000)
            active.update { $0 -= 1 }
            runs.update { $0.append((start, MonotonicClock.system.now().nanoseconds)) }
        }
        #expect(await eventually { runs.get.count >= 4 })
        scheduler.stop()
        #expect(maxActive.get == 1)
        let recorded = runs.get
        for (previous, next) in zip(recorded, recorded.dropFirst()) {
            #expect(next.start >= previous.end, "a cycle started before the previous one ended")
        }
    }

    @Test func mappingsRunOnSeparateQueuesConcurrently() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let active = Shared<Set<String>>([])
        let overlapped = Shared(false)
        let schedules = ["deals", "leads"].map { MappingSchedule(mapping: $0, interval: .milliseconds(1), remotes: []) }
        scheduler.apply(schedules) { mapping in
            active.update { set in set.insert(mapping) }
            let start = MonotonicClock.system.now()
            while MonotonicClock.system.now() - start < .seconds(3) {
                if active.get.count == 2 { overlapped.set(true); break }
                usleep(1_000)
            }
            usleep(20_000)
            active.update { set in set.remove(mapping) }
        }
        #expect(await eventually { overlapped.get })
        scheduler.stop()
    }

    @Test func stopCancelsTimers() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let count = Shared(0)
        scheduler.apply([MappingSchedule(mapping: "deals", interval: .milliseconds(5), remotes: [])]) { _ in
            count.update { $0 += 1 }
        }
        #expect(await eventually { count.get >= 3 })
        scheduler.stop()
        #expect(scheduler.mappings.isEmpty)
        // A fire already queued may still be handled; after that, nothing.
        try? await Task.sleep(for: .milliseconds(50))
        let settled = count.get
        try? await Task.sleep(for: .milliseconds(200))
        #expect(count.get == settled)
    }

    @Test func applyStartsNewAndStopsRemovedMappings() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let seen = Shared<[String: Int]>([:])
        let body: @Sendable (String) -> Void = { mapping in seen.update { $0[mapping, default: 0] += 1 } }
        let deals = MappingSchedule(mapping: "deals", interval: .milliseconds(5), remotes: [])
        let leads = MappingSchedule(mapping: "leads", interval: .milliseconds(5), remotes: [])
        scheduler.apply([deals], body: body)
        #expect(await eventually { (seen.get["deals"] ?? 0) >= 2 })
        scheduler.apply([leads], body: body)
        #expect(scheduler.mappings == ["leads"])
        #expect(await eventually { (seen.get["leads"] ?? 0) >= 2 })
        try? await Task.sleep(for: .milliseconds(50))
        let deals1 = seen.get["deals"] ?? 0
        try? await Task.sleep(for: .milliseconds(100))
        #expect(seen.get["deals"] == deals1)
        scheduler.stop()
    }
}

@Suite("Per-mapping scheduling: retiming")
struct RetimingTests {
    @Test func aShorterIntervalTakesEffectWithoutWaitingOutTheOldOne() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let count = Shared(0)
        let body: @Sendable (String) -> Void = { _ in count.update { $0 += 1 } }
        scheduler.apply([MappingSchedule(mapping: "deals", interval: .seconds(3600), remotes: [])], body: body)
        #expect(await eventually { count.get == 1 })
        scheduler.apply([MappingSchedule(mapping: "deals", interval: .milliseconds(5), remotes: [])], body: body)
        #expect(await eventually { count.get >= 3 })
        scheduler.stop()
    }

    @Test func reapplyingTheSameTimingDoesNotRestartTheCountdown() async {
        let scheduler = CycleScheduler(random: JitterRandom { 0 })
        let count = Shared(0)
        let body: @Sendable (String) -> Void = { _ in count.update { $0 += 1 } }
        let schedule = MappingSchedule(mapping: "deals", interval: .milliseconds(100), remotes: [])
        scheduler.apply([schedule], body: body)
        #expect(await eventually { count.get >= 1 })
        // Re-applied every 20 ms: a restarting countdown would never reach its
        // 100 ms, so no further cycle could run. The deadline is generous
        // because a loaded CI machine can stretch each 20 ms sleep.
        let before = count.get
        let deadline = ContinuousClock.now + .seconds(10)
        while count.get == before, ContinuousClock.now < deadline {
            scheduler.apply([schedule], body: body)
            try? await Task.sleep(for: .milliseconds(20))
        }
        #expect(count.get > before)
        scheduler.stop()
    }
}
