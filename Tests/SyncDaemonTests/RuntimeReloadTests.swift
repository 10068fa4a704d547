import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Runtime: reload")
struct RuntimeReloadTests {
    @Test func aFailingLoaderKeepsTheOldConfigAndTheOutcomeIsRejected() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let seen = Shared<[String]>([])
        let runtime = try harness.runtime { context in
            seen.update { $0.append(context.config) }
            return CycleReport()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { seen.get.count >= 1 })

        harness.config.set(.failure(.configRejected(problems: ["mappings/deals.json5:3:5: unknown key 'feild'",
                                                                "channelsync.json5:1:1: remote 'crm' has no url"])))
        let rejected = await offPool { runtime.reload() }
        #expect(rejected == .rejected(generation: 1, problems: ["mappings/deals.json5:3:5: unknown key 'feild'",
                                                                "channelsync.json5:1:1: remote 'crm' has no url"]))
        let errors = harness.capture.all.filter { $0.level == .error && $0.message.contains("reload rejected") }
        #expect(errors.compactMap { $0.value(of: "problem") }.count == 2)
        let afterReject = seen.get.count
        #expect(await eventually { seen.get.count >= afterReject + 3 })
        #expect(Set(seen.get) == ["v1"])
        let status = ControlFiles(stateDirectory: harness.stateDirectory).readReloadStatus()
        #expect(status?.result == .rejected && status?.generation == 1 && status?.problems.count == 2)
        #expect(await eventually { harness.socket.assignments.contains { $0.contains("config reload rejected (2 problems)") } })

        let sequence = harness.socket.assignments
        let reloading = try #require(sequence.firstIndex(of: "RELOADING=1"))
        #expect(sequence[reloading + 1].hasPrefix("MONOTONIC_USEC="))
        #expect(UInt64(sequence[reloading + 1].dropFirst("MONOTONIC_USEC=".count)) ?? 0 > 0)
        #expect(sequence[(reloading + 2)...].contains("READY=1"))

        harness.config.set(.success("v2"))
        #expect(await offPool { runtime.reload() } == .applied(generation: 2))
        #expect(await eventually { seen.get.last == "v2" })
        #expect(ControlFiles(stateDirectory: harness.stateDirectory).readReloadStatus()?.result == .applied)
        runtime.stop()
        #expect(await run.wait() == .stopped)
    }

    @Test func aReloadSwapsConfigOnlyBetweenCycles() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let gate = Gate()
        let seen = Shared<[String]>([])
        let runtime = try harness.runtime { context in
            let before = context.config
            if seen.get.isEmpty { gate.wait() }
            seen.update { $0.append(before == context.config ? before : "changed mid-cycle") }
            return CycleReport()
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { runtime.state.withLock { !$0.running.isEmpty } })
        harness.config.set(.success("v2"))
        #expect(await offPool { runtime.reload() } == .applied(generation: 1))
        gate.open()
        #expect(await eventually { seen.get.contains("v2") })
        #expect(seen.get.first == "v1")
        runtime.stop()
        #expect(await run.wait() == .stopped)
    }

    @Test func reloadAddsAndRemovesMappings() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let counts = Shared<[String: Int]>([:])
        let settings = Shared(RuntimeHarness.settings(mappings: ["deals"]))
        let environment = RuntimeEnvironment(logger: harness.capture.logger(), signals: harness.signals,
                                             random: JitterRandom { 0 }, build: BuildInfo(version: "t"))
        let runtime = DaemonRuntime<String>(
            initial: LoadedConfig(config: "v1", settings: settings.get), environment: environment,
            loader: { LoadedConfig(config: "v2", settings: settings.get) },
            cycle: { context in
                counts.update { $0[context.mapping, default: 0] += 1 }
                return CycleReport()
            })
        let run = BackgroundRun(runtime)
        #expect(await eventually { counts.get["deals", default: 0] >= 1 })
        settings.set(RuntimeHarness.settings(mappings: ["leads"]))
        #expect(await offPool { runtime.reload() } == .applied(generation: 1))
        #expect(runtime.scheduler.mappings == ["leads"])
        #expect(await eventually { counts.get["leads", default: 0] >= 2 })
        runtime.stop()
        #expect(await run.wait() == .stopped)
    }
}
