import Connectors
import Foundation
import SyncCore
import SyncStore

/// The daemon's cycle: what `DaemonRuntime` calls for each timer fire of a mapping. Keeps
/// one state connection per mapping (cycles of different mappings run on different
/// queues) and one connector per remote, rebuilt when a reload changes the remotes.
///
/// `@unchecked Sendable`: `states` and `connectorCache` are only touched under `lock`; a
/// mapping's `SyncState` is only used by that mapping's cycle, and the runtime never runs
/// two cycles of one mapping at once (one serial queue per mapping).
public final class CycleRunner: @unchecked Sendable {
    private let databasePath: String
    private let settings: CycleSettings
    private let makeConnectors: @Sendable ([Remote]) throws -> ConnectorSet
    private let requests: RequestTally?
    private let observe: @Sendable (CycleSummary) -> Void
    private let clock: @Sendable () -> Int64
    private let lock = NSLock()
    private var states: [String: SyncState] = [:]
    private var connectorCache: (remotes: [Remote], set: ConnectorSet)?

    /// - Parameters:
    ///   - databasePath: the state database (`<state>/channelsync.sqlite`).
    ///   - requests: the tally the connectors' HTTP clients log to (`RequestTally.log`);
    ///     each report then counts requests by remote and HTTP status, failed cycles
    ///     included. Without one, reports carry the connectors' totals as status `"all"`.
    ///   - connectors: builds the connectors of a config's remotes (with the daemon's
    ///     credentials and token vault).
    ///   - observe: sees the summary of every cycle that finished, on the mapping's queue
    ///     before the next cycle of that mapping can start (`channelsync demo` prints it).
    ///   - clock: each cycle's wall clock in epoch milliseconds (the reconciler's `now`,
    ///     lead-routing deadlines, registration expiry); `channelsync demo` moves it ahead
    ///     to show an SLA running out. The mapping's state connection stamps with it too
    ///     (journal intents and outcomes, cycles, failures and their retry times), so one
    ///     cycle's rows share one clock and an outcome never reads as older than its intent.
    public init(databasePath: String, settings: CycleSettings = CycleSettings(), requests: RequestTally? = nil,
                connectors: @escaping @Sendable ([Remote]) throws -> ConnectorSet,
                observe: @escaping @Sendable (CycleSummary) -> Void = { _ in },
                clock: @escaping @Sendable () -> Int64 = SyncState.systemMillis) {
        self.databasePath = databasePath
        self.clock = clock
        self.settings = settings
        self.requests = requests
        makeConnectors = connectors
        self.observe = observe
    }

    /// One cycle of `context.mapping` with the config snapshot it carries.
    public func run(_ context: CycleContext<Configuration>) -> CycleReport {
        var report = cycle(context)
        if let requests {
            report.requests = requests.takeNew()
            report.throttled = report.requests.mapValues { $0["429", default: 0] }
        }
        return report
    }

    private func cycle(_ context: CycleContext<Configuration>) -> CycleReport {
        guard let mapping = context.config.mapping(named: context.mapping) else {
            return CycleReport(failure: "mapping '\(context.mapping)' is not in the config")
        }
        do {
            let state = try state(for: mapping.name)
            let pair = try connectors(for: context.config.service.remotes).connectors(for: mapping)
            let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: state, settings: settings,
                                      clock: clock, logger: context.logger)
            let summary = try cycle.run(hooks: CycleHooks(context))
            observe(summary)
            var report = summary.report
            report.pendingIntents = try? state.pendingIntentCount(mapping: mapping.name)
            report.openConflicts = try? state.conflicts(mapping: mapping.name, states: [.open]).count
            report.deadLetters = try? state.failures(mapping: mapping.name, states: [.dead]).count
            return report
        } catch let error as CycleError {
            return CycleReport(failure: error.description,
                               remotes: error.remoteOutcomes(crm: mapping.crm.remote, prm: mapping.prm.remote),
                               failureSummary: error.statusSummary)
        } catch {
            return CycleReport(failure: String(describing: error))
        }
    }

    /// Closes every state connection (at stop, after the last cycle).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        for state in states.values { try? state.close() }
        states = [:]
    }

    private func state(for mapping: String) throws -> SyncState {
        lock.lock()
        defer { lock.unlock() }
        if let state = states[mapping] { return state }
        let state: SyncState
        do {
            state = try SyncState.open(path: databasePath, clock: clock)
        } catch {
            throw CycleError.store("open \(databasePath)", error)
        }
        states[mapping] = state
        return state
    }

    private func connectors(for remotes: [Remote]) throws -> ConnectorSet {
        lock.lock()
        defer { lock.unlock() }
        if let cached = connectorCache, cached.remotes == remotes { return cached.set }
        let set = try makeConnectors(remotes)
        connectorCache = (remotes, set)
        return set
    }
}
