import Foundation
import Connectors
import Sandbox
import SyncCore
import SyncHTTP
import SyncStore
@testable import SyncDaemon

/// The daemon as `channelsync run` wires it — `DaemonRuntime` + `CycleRunner` + the real
/// connectors with live HTTP (real timeouts, real waits) — against the in-process sandbox
/// of a `CycleWorld`, with a fake notify socket and hand-delivered signals.
final class RealDaemon {
    let world: CycleWorld
    let harness: RuntimeHarness
    let requests = RequestTally()
    let runner: CycleRunner
    let runtime: DaemonRuntime<Configuration>
    var metricsPath: String { harness.stateDirectory + "/channelsync.prom" }

    /// One mapping, one cycle at the start (then an hour's pause) unless `interval` says otherwise.
    init(mapping: String = "deals", interval: Duration = .seconds(3600), stallTimeout: Duration = .seconds(600),
         watchdog: Duration? = nil, markers: Set<String> = []) throws {
        world = try CycleWorld()
        harness = try RuntimeHarness(markers: markers)
        let clock = world.clock
        let configuration = world.configuration
        let requests = requests
        runner = CycleRunner(databasePath: world.directory + "/" + SyncState.fileName, requests: requests) { remotes in
            try ConnectorSet(remotes: remotes, credentials: .fixed(CycleWorld.secrets),
                             clock: ConnectorClock { clock.now() }, log: requests.log)
        }
        let remotes = configuration.mapping(named: mapping).map { [$0.crm.remote, $0.prm.remote] } ?? []
        let settings = RuntimeSettings(
            schedules: [MappingSchedule(mapping: mapping, interval: interval, remotes: remotes)],
            stopTimeout: .seconds(60), stallTimeout: stallTimeout, progressInterval: .seconds(60),
            metricsFile: harness.stateDirectory + "/channelsync.prom")
        let environment = RuntimeEnvironment(
            logger: harness.capture.logger(level: .debug), notifier: try Notifier(environment: harness.socket.environment),
            watchdogInterval: watchdog, signals: harness.signals, random: JitterRandom { 0 },
            stateDirectory: harness.stateDirectory, build: BuildInfo(version: "test"))
        let loaded = LoadedConfig(config: configuration, settings: settings)
        let runner = runner
        runtime = DaemonRuntime(initial: loaded, environment: environment, loader: { loaded }, cycle: { runner.run($0) })
    }

    deinit {
        runner.close()
        harness.socket.close()
    }

    /// Cycles finished so far (`cycle finished` or `cycle failed` logged).
    static func cyclesEnded(_ capture: LogCapture) -> Int {
        capture.all.filter { $0.message == "cycle finished" || $0.message == "cycle failed" }.count
    }
}
