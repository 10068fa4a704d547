import Connectors
import Foundation
import Sandbox
import SyncCore
import SyncDaemon
import SyncStore

/// What a leg's seeded data makes the daemon move, per mapping: the input of the
/// minimum-requests baseline.
struct BenchWork: Sendable {
    var mapping: BenchMapping
    /// Records a pull must deliver (changed since the cursor, or all on a first read or
    /// a complete scan).
    var crmPulled = 0
    var prmPulled = 0
    /// Records that must be created / updated on each side.
    var crmCreates = 0
    var crmUpdates = 0
    var prmCreates = 0
    var prmUpdates = 0
}

/// Puts a leg's data into the sandbox and, for linked scenarios, the matching state
/// (links, shadows, cursors) straight into the state database: a million pairs are
/// seeded in seconds instead of being synced over HTTP. Shadows are made by the
/// daemon's own normalization, so they are exactly what a cycle would have saved.
struct BenchSeeding {
    let environment: SandboxEnvironment
    let configuration: Configuration
    let statePath: String
    /// Seeded records are this old; the cursors are a little later; edits are now.
    let seededAt: Int64
    let progress: (String) -> Void

    static let chunk = 10_000

    func seed(_ leg: BenchLeg, records: Int) throws -> [BenchWork] {
        for mapping in leg.mappings {
            try environment.salesforce.store.backdateDeleteLog(mapping.crmObject, to: seededAt)
        }
        switch leg {
        case .initialToPRM:
            return try leg.mappings.map { mapping in
                try seedOneSide(mapping, side: .crm, count: records)
                return BenchWork(mapping: mapping, crmPulled: records, prmCreates: records)
            }
        case .initialToCRM:
            return try leg.mappings.map { mapping in
                try seedOneSide(mapping, side: .prm, count: records)
                return BenchWork(mapping: mapping, prmPulled: records, crmCreates: records)
            }
        case .idle:
            return try leg.mappings.map { mapping in
                _ = try seedLinked(mapping, count: records)
                return BenchWork(mapping: mapping)
            }
        case .steady:
            return try leg.mappings.map { mapping in
                let crmIDs = try seedLinked(mapping, count: records)
                return try edit(mapping, crmIDs: crmIDs, crm: Self.steadyCRMEdit, prm: Self.steadyPRMEdit)
            }
        case .fullscan:
            return try leg.mappings.map { mapping in
                let crmIDs = try seedLinked(mapping, count: records)
                var work = try edit(mapping, crmIDs: crmIDs, crm: { _ in false }, prm: { $0 % 100 == 0 })
                work.prmPulled = records
                return work
            }
        }
    }

    /// 1% of the CRM records.
    static func steadyCRMEdit(_ index: Int) -> Bool { index % 100 == 0 }
    /// 1% of the PRM records, a tenth of them the ones the CRM edits too (0.1%: conflicts).
    static func steadyPRMEdit(_ index: Int) -> Bool { index % 1000 == 0 || (index % 100 == 50 && index % 1000 != 50) }

    private func store(_ mapping: BenchMapping, _ side: Side) -> SandboxStore {
        side == .crm ? environment.salesforce.store : environment.store(mapping.prmSystem)
    }

    private func object(_ mapping: BenchMapping, _ side: Side) -> String {
        side == .crm ? mapping.crmObject : mapping.prmObject
    }

    /// Records on one side only, unlinked, no state: a first sync.
    private func seedOneSide(_ mapping: BenchMapping, side: Side, count: Int) throws {
        let target = store(mapping, side)
        let name = object(mapping, side)
        for index in 0..<count {
            let fields = side == .crm ? mapping.crmFields(index, prmID: nil) : mapping.prmFields(index, crmID: nil)
            try target.seed(name, fields: fields, modifiedAt: seededAt)
            if index % 100_000 == 99_999 { progress("  seeded \(index + 1) \(side) \(name) records") }
        }
    }

    /// Linked pairs on both sides, with their links, shadows, records index and cursors in
    /// the state.
    /// Returns the CRM ids by index.
    private func seedLinked(_ mapping: BenchMapping, count: Int) throws -> [String] {
        guard let configured = configuration.mapping(named: mapping.rawValue) else {
            throw BenchFailure.setup("the generated config has no mapping \(mapping.rawValue)")
        }
        let compiled = try Reconciler(mapping: configured).compiled
        let state = try SyncState.open(path: statePath)
        defer { try? state.close() }
        let crmStore = store(mapping, .crm), prmStore = store(mapping, .prm)
        var crmIDs: [String] = []
        crmIDs.reserveCapacity(count)
        // The time the connector reports for a PRM record: the generic API has none (0).
        let prmStamp = mapping.prmSystem == .generic ? 0 : seededAt
        var start = 0
        while start < count {
            let end = min(start + Self.chunk, count)
            var links: [LinkRecord] = []
            var shadows: [ShadowRecord] = []
            var indexed: [RecordSnapshot] = []
            links.reserveCapacity(end - start)
            shadows.reserveCapacity(end - start)
            for index in start..<end {
                let prmID = mapping.prmID(index)
                let crmFields = mapping.crmFields(index, prmID: prmID)
                let crm = try crmStore.seed(mapping.crmObject, fields: crmFields, modifiedAt: seededAt)
                crmIDs.append(crm.id)
                let prmFields = mapping.prmFields(index, crmID: crm.id)
                try prmStore.seed(mapping.prmObject, fields: prmFields, id: prmID, modifiedAt: seededAt)
                let shadow = Shadow(crm: canonical(configured, compiled, crmFields, .crm),
                                    prm: canonical(configured, compiled, prmFields, .prm),
                                    crmModifiedAt: seededAt, prmModifiedAt: prmStamp)
                // The records index as the cycles that made these links left it.
                indexed.append(try RecordSnapshot(CanonicalRecord(side: .crm, id: crm.id, modifiedAt: seededAt,
                                                                  externalId: prmID, values: shadow.crm), mapping: compiled))
                indexed.append(try RecordSnapshot(CanonicalRecord(side: .prm, id: prmID, modifiedAt: prmStamp,
                                                                  externalId: crm.id, values: shadow.prm), mapping: compiled))
                let linkID = SyncState.makeLinkID()
                links.append(LinkRecord(id: linkID, mapping: mapping.rawValue, crmID: crm.id, prmID: prmID, status: .active))
                shadows.append(try ShadowRecord(linkID: linkID, shadow: shadow))
            }
            try state.recordPlan(PlanBatch(links: links, shadows: shadows))
            try state.saveRecords(indexed)
            start = end
            if start % 100_000 == 0 || start == count { progress("  seeded \(start) linked \(mapping.rawValue) pairs") }
        }
        // Read up to a little after the seeded records, completely read just now: the next
        // cycle pulls only what changes from here on.
        let readUpTo = seededAt + Self.cursorLead
        let cursor = try StoredCursor.text(pull: PullCursor(highWater: readUpTo, deletesCoveredUntil: readUpTo),
                                           fullScanAt: seededAt)
        for side in Side.allCases {
            try state.saveCursor(mapping: mapping.rawValue, side: side, value: cursor, highWater: seededAt + Self.cursorLead)
        }
        return crmIDs
    }

    /// The cursor's high-water mark is this far after the seeded records (beyond the
    /// overlap window, so the seeded records are not re-read) and before any edit.
    static let cursorLead: Int64 = 10 * 60_000

    private func canonical(_ mapping: Mapping, _ compiled: CompiledMapping, _ fields: [String: JSONValue],
                           _ side: Side) -> FieldValues {
        compiled.values(mapping.normalize(.object(fields), side: side).values)
    }

    /// Edits the chosen records on each side now (after the cursors).
    private func edit(_ mapping: BenchMapping, crmIDs: [String], crm: (Int) -> Bool,
                      prm: (Int) -> Bool) throws -> BenchWork {
        var work = BenchWork(mapping: mapping)
        let crmStore = store(mapping, .crm), prmStore = store(mapping, .prm)
        var conflicts = 0
        for (index, crmID) in crmIDs.enumerated() {
            let onCRM = crm(index), onPRM = prm(index)
            guard onCRM || onPRM else { continue }
            let prmID = mapping.prmID(index)
            if onCRM {
                try crmStore.edit(mapping.crmObject, id: crmID, set: mapping.crmEdit(index))
                work.crmPulled += 1
            }
            if onPRM {
                try prmStore.edit(mapping.prmObject, id: prmID, set: mapping.prmEdit(index))
                work.prmPulled += 1
            }
            if onCRM && onPRM { conflicts += 1 }
        }
        // The CRM wins a conflict (`policy: "crm"`): each CRM edit goes to the PRM, each
        // PRM edit that is not a conflict to the CRM.
        work.prmUpdates = work.crmPulled
        work.crmUpdates = work.prmPulled - conflicts
        return work
    }
}

/// Why a benchmark could not run.
enum BenchFailure: Error, CustomStringConvertible {
    case setup(String)
    case worker(String)

    var description: String {
        switch self {
        case let .setup(reason): "setting up: \(reason)"
        case let .worker(reason): "the daemon run failed: \(reason)"
        }
    }
}
