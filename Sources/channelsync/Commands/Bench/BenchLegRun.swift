import Foundation
import Sandbox
import SyncCore
import SyncDaemon
import SyncHTTP

/// The figures of one measured leg.
struct BenchFigures {
    var leg: BenchLeg
    var records: Int
    var wallSeconds: Double
    var cpuSeconds: Double
    var peakRSSBytes: Int
    var requests: [String: Int]
    var minimum: [String: Int]
    var rawTransferSeconds: Double
    var rawRefused: Int
    /// CPU of this process while the daemon ran: the sandbox serving it (and the bench's
    /// own polling and request recording), on the same cores as the daemon.
    var sandboxCPUSeconds: Double
    /// CPU of the raw transfer's loop (the client) and of the sandbox serving it.
    var rawClientCPUSeconds: Double
    var rawSandboxCPUSeconds: Double
    var summary: [String]

    var totalRequests: Int { requests.values.reduce(0, +) }
    var totalMinimum: Int { minimum.values.reduce(0, +) }
    var requestRatio: Double { Double(totalRequests) / Double(max(1, totalMinimum)) }
    var wallRatio: Double { wallSeconds / max(rawTransferSeconds, 1e-9) }
}

/// One leg: a sandbox in this process seeded with the leg's data, the daemon's cycle in
/// a child process (`channelsync once`, the real code, measured by `wait4`), then the
/// same data put back and the recorded requests replayed as the raw-transfer baseline.
/// With `repeats` above one, the seeded sandbox and state directory are put back before
/// each further run (seeding a million pairs takes a minute; putting them back, seconds),
/// so every run does the same work on a machine whose speed varies from minute to minute.
struct BenchLegRun {
    let leg: BenchLeg
    let records: Int
    var repeats = 1
    let executable: String
    let directory: String
    let progress: (String) -> Void

    func run() throws -> [BenchFigures] {
        let environment = SandboxEnvironment(configuration: SandboxConfiguration(), clock: .system)
        let recorder = BenchRecorder()
        let server = try SandboxServer(environment: environment, tap: { recorder.tap($0, $1) })
        defer { server.stop() }
        let files = try BenchFiles(directory: directory, leg: leg, server: server)
        let configuration: Configuration
        switch ConfigurationLoading.load(path: files.configPath) {
        case let .success(loaded): configuration = loaded
        case let .failure(errors): throw BenchFailure.setup("the generated config does not load: \(errors)")
        }
        let now = SandboxClock.system.now()
        progress("\(leg.rawValue): seeding \(records) \(leg == .initialToPRM || leg == .initialToCRM ? "records per object" : "pairs")")
        let seedStart = BenchDirectory.seconds()
        let work = try BenchSeeding(environment: environment, configuration: configuration, statePath: files.statePath,
                                    seededAt: now - 3_600_000, progress: progress).seed(leg, records: records)
        let systems: [SandboxSystem] = [.salesforce] + Array(Set(leg.mappings.map(\.prmSystem)))
        let checkpoints = systems.map { environment.store($0).checkpoint() }
        let seededState = repeats > 1 ? try BenchStateCopy(of: files.stateDirectory) : nil
        progress(String(format: "  seeded in %.1f s; running the daemon's cycle", BenchDirectory.seconds() - seedStart))

        var clients: [SandboxSystem: HTTPClient] = [:]
        for system in systems {
            guard let name = BenchMinimum.remote(system), let remote = configuration.service.remotes.first(where: { $0.name == name })
            else { continue }
            clients[system] = try HTTPClient(remote: remote.httpSettings)
        }
        let restore = { for (system, checkpoint) in zip(systems, checkpoints) { environment.store(system).restore(checkpoint) } }
        var childEnvironment = ProcessInfo.processInfo.environment
        for name in ["STATE_DIRECTORY", "CREDENTIALS_DIRECTORY", "CHANNELSYNC_CONFIG"] { childEnvironment[name] = nil }
        let minimum = BenchMinimum.requests(work)
        var runs: [BenchFigures] = []
        for index in 0..<repeats {
            if index > 0 {
                restore()
                try seededState?.putBack()
                progress("  run \(index + 1) of \(repeats): the seeded data put back; running the daemon's cycle")
            }
            environment.resetCounters()
            recorder.start()
            let sandboxCPU = BenchDirectory.cpuSeconds()
            let child = try BenchChild.run(executable, ["once", "--config", files.configPath], environment: childEnvironment,
                                           directory: directory)
            let recorded = recorder.stop()
            let sandboxCPUSeconds = BenchDirectory.cpuSeconds() - sandboxCPU
            var requests: [String: Int] = [:]
            for system in systems {
                if let remote = BenchMinimum.remote(system) { requests[remote] = environment.store(system).totalRequests }
            }
            let output = String(decoding: child.stdout, as: UTF8.self)
            guard child.status == 0 else {
                let errors = String(decoding: child.stderr, as: UTF8.self).split(separator: "\n").suffix(8)
                throw BenchFailure.worker("channelsync once exited \(child.status): " + (output + errors.joined(separator: "\n")))
            }
            // No reading would report 0 MB and the RSS target as met.
            guard child.peakRSSBytes > 0 else {
                throw BenchFailure.worker("its peak RSS could not be read from /proc/PID/status (VmHWM) while it ran")
            }
            progress(String(format: "  daemon %.1f s wall; replaying its %d requests as the raw transfer", child.wallSeconds,
                            recorded.count))
            restore()
            let raw = try BenchReplay.run(recorded, server: server, clients: clients)
            runs.append(BenchFigures(leg: leg, records: records, wallSeconds: child.wallSeconds, cpuSeconds: child.cpuSeconds,
                                     peakRSSBytes: child.peakRSSBytes, requests: requests,
                                     minimum: minimum, rawTransferSeconds: raw.seconds,
                                     rawRefused: raw.refused, sandboxCPUSeconds: sandboxCPUSeconds,
                                     rawClientCPUSeconds: raw.clientCPUSeconds,
                                     rawSandboxCPUSeconds: max(0, raw.processCPUSeconds - raw.clientCPUSeconds),
                                     summary: output.split(separator: "\n").map(String.init)))
        }
        return runs
    }
}
