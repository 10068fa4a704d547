import Foundation
import Connectors
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// One fault case's run: a world for the target's pair, its seeds, the fault phase and
/// the cycles after the fault cleared.
final class FaultDrill {
    let target: FaultTarget
    let world: CycleWorld
    private(set) var seeded: [Side: Set<String>] = [.crm: [], .prm: []]
    /// Records allowed to stay unlinked or unmirrored (the survivor of a delete the
    /// mapping flags instead of propagating).
    private(set) var excused: Set<String> = []
    /// The CRM record a `.purgedDeleteLog` case deleted.
    private(set) var deletedCRM: String?
    /// Cycle settings for every cycle of the drill.
    var settings = CycleSettings()

    init(target: FaultTarget, shortTimeout: Bool = false) throws {
        self.target = target
        let dialect = Self.dialect(target.faulted)
        world = try CycleWorld(serviceFile: target.serviceFile, urls: target.urls, adjust: { remotes in
            guard shortTimeout else { return }
            for index in remotes.indices where remotes[index].dialect == dialect {
                remotes[index].timeouts.total = .milliseconds(FaultCase.stallTimeoutMilliseconds)
            }
        })
    }

    var faultedStore: SandboxStore { world.sandbox.store(target.faulted) }

    /// The side whose remote gets the faults.
    var faultedSide: Side { target.faulted == target.crm.system ? .crm : .prm }

    func store(_ side: Side) -> SandboxStore { world.sandbox.store(side == .crm ? target.crm.system : target.prm.system) }

    /// One deal on each side, each to be created on the other.
    func seed() throws {
        let crm = try store(.crm).seed(target.crm.object, fields: target.crm.seed)
        let prm = try store(.prm).seed(target.prm.object, fields: target.prm.seed)
        seeded[.crm, default: []].insert(crm.id)
        seeded[.prm, default: []].insert(prm.id)
        world.wait()
    }

    /// Marks a record as the test's own (not created by the sync).
    func markSeeded(_ id: String, side: Side) { seeded[side, default: []].insert(id) }

    /// Runs cycles with the fault in place (at most 4, fewer once the fault is used up)
    /// and clears what is left of it. Returns the errors the cycles threw.
    @discardableResult
    func inject(_ fault: FaultCase) throws -> [String] {
        var errors: [String] = []
        switch fault.kind {
        case let .fault(sandboxFault):
            let route = fault.route == .every ? "*" : target.writeRoute
            faultedStore.inject(sandboxFault, route: route, times: fault.times)
            for _ in 0..<4 {
                if let error = cycle() { errors.append(error) }
                world.wait()
                if faultedStore.pendingFaults.isEmpty { break }
            }
            faultedStore.clearFaults()
        case .lateCommit:
            // The seeds are served and synced first, so "late" has something to be older than.
            if let error = cycle() { errors.append(error) }
            world.wait()
            let side = faultedSide
            let spec = side == .crm ? target.crm : target.prm
            faultedStore.inject(.lateCommit(LateCommit(object: spec.object, fields: spec.late, lagMilliseconds: 1_000)),
                                route: "*", times: 1)
            for _ in 0..<2 {
                if let error = cycle() { errors.append(error) }
                world.wait()
            }
            faultedStore.clearFaults()
            guard let title = spec.late[spec.titleField],
                  let late = store(side).records(spec.object).first(where: { $0.value(at: spec.titleField) == title }) else {
                throw TestFailure("\(target): the late commit did not happen")
            }
            markSeeded(late.id, side: side)
        case .purgedDeleteLog:
            if let error = cycle() { errors.append(error) }
            world.wait()
            guard let crmID = seeded[.crm]?.first,
                  let link = try world.state.liveLink(mapping: target.mapping, side: .crm, recordID: crmID) else {
                throw TestFailure("\(target): the seeded CRM record is not linked after the first cycle")
            }
            try store(.crm).delete(target.crm.object, id: crmID)
            deletedCRM = crmID
            if let mirror = link.prmID { excused.insert(mirror) }
            world.wait()
            faultedStore.inject(.purgeDeleteLog(object: target.crm.object), route: "*", times: 1)
            for _ in 0..<2 {
                if let error = cycle() { errors.append(error) }
                world.wait()
            }
            faultedStore.clearFaults()
        case .connectionRefused:
            let refused = try refusingConnectors()
            for _ in 0..<2 {
                if let error = cycle(connectors: refused) { errors.append(error) }
                world.wait()
            }
        }
        return errors
    }

    /// Cycles until one is quiet: no error, nothing written, no problem, cursors moved (at most 6).
    func settle() throws -> (quiet: Bool, errors: [String]) {
        var errors: [String] = []
        for _ in 0..<6 {
            world.wait()
            do {
                let summary = try world.cycle(target.mapping, settings: settings)
                if summary.writes.isEmpty && summary.problems == 0 && summary.cursorsAdvanced && !summary.hasChanges {
                    return (true, errors)
                }
                errors.append("writes \(summary.writes.map(\.result)), problems \(summary.problems)")
            } catch {
                errors.append(String(describing: error))
            }
        }
        return (false, errors)
    }

    /// Runs one cycle; the error it threw, if any.
    func cycle(connectors: ConnectorSet? = nil) -> String? {
        do {
            try world.cycle(target.mapping, settings: settings, connectors: connectors)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// The world's connectors, but the remote under test at an address that refuses
    /// connections (port 1 on loopback: nothing listens there) — its token endpoint too,
    /// since an OAuth answer names the instance URL the API calls then go to.
    private func refusingConnectors() throws -> ConnectorSet {
        let dialect = Self.dialect(target.faulted)
        var remotes = world.configuration.service.remotes
        for index in remotes.indices where remotes[index].dialect == dialect {
            remotes[index].baseURL = "http://127.0.0.1:1"
            if remotes[index].auth.tokenURL != nil { remotes[index].auth.tokenURL = "http://127.0.0.1:1/token" }
        }
        let clock = world.clock
        return try ConnectorSet(remotes: remotes, credentials: .fixed(CycleWorld.secrets),
                                environment: world.time.environment, clock: ConnectorClock { clock.now() })
    }

    static func dialect(_ system: SandboxSystem) -> RemoteDialect {
        switch system {
        case .salesforce: .salesforce
        case .hubspot: .hubspot
        case .impartner: .impartner
        case .partnerstack: .partnerstack
        case .generic: .rest
        case .pipedrive: .pipedrive
        case .zoho: .zoho
        case .dataverse: .dataverse
        }
    }
}
