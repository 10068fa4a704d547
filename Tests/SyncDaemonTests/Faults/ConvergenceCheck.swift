import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// The invariants every fault case must end with, checked the same way for every remote:
///
/// - every live record on either side is linked (except dead letters named in `excused`);
/// - each link's two records exist and agree on the mapped title;
/// - no record is duplicated: titles are unique per side and both sides hold as many
///   live records as there are pairs;
/// - the records the sync created on a side are exactly its applied `create` outcomes in
///   the journal (nothing created behind the journal's back, nothing journaled twice);
/// - no write is left without an outcome.
///
/// Returns the problems found, empty when the sync converged.
struct ConvergenceCheck {
    let world: CycleWorld
    let target: FaultTarget
    /// Ids seeded by the test (not created by the sync), per side.
    let seeded: [Side: Set<String>]
    /// Records allowed to stay unlinked (dead letters), by id.
    var excused: Set<String> = []

    func problems() throws -> [String] {
        var problems: [String] = []
        let mapping = target.mapping
        var live: [Side: [SandboxRecord]] = [:]
        for side in Side.allCases {
            let spec = side == .crm ? target.crm : target.prm
            live[side] = world.sandbox.store(spec.system).records(spec.object)
        }
        let crmRecords = live[.crm] ?? []
        let prmRecords = live[.prm] ?? []
        var pairs = 0
        for side in Side.allCases {
            let spec = side == .crm ? target.crm : target.prm
            let records = live[side] ?? []
            let titles = records.compactMap { $0.value(at: spec.titleField) }
            if Set(titles).count != titles.count { problems.append("\(side): duplicated titles \(titles)") }
            for record in records where !excused.contains(record.id) {
                guard let link = try world.state.liveLink(mapping: mapping, side: side, recordID: record.id) else {
                    problems.append("\(side) record \(record.id) (\(String(describing: record.value(at: spec.titleField)))) is not linked")
                    continue
                }
                guard side == .crm else { continue }
                pairs += 1
                guard let prmID = link.prmID, let mirror = prmRecords.first(where: { $0.id == prmID }) else {
                    problems.append("link \(link.id): the PRM record \(link.prmID ?? "nil") is gone")
                    continue
                }
                let crmTitle = record.value(at: target.crm.titleField)
                let prmTitle = mirror.value(at: target.prm.titleField)
                if crmTitle != prmTitle {
                    problems.append("link \(link.id): titles differ: \(String(describing: crmTitle)) ≠ \(String(describing: prmTitle))")
                }
            }
        }
        let unexcused = { (records: [SandboxRecord]) in records.filter { !excused.contains($0.id) }.count }
        if unexcused(crmRecords) != pairs || unexcused(prmRecords) != pairs {
            problems.append("\(unexcused(crmRecords)) CRM and \(unexcused(prmRecords)) PRM records for \(pairs) pairs")
        }
        let applied = try world.state.journal(JournalQuery(mapping: mapping, operation: "create", status: .applied, limit: 10_000))
        for side in Side.allCases {
            let created = (live[side] ?? []).filter { !(seeded[side] ?? []).contains($0.id) }.count
            // A write can carry several journal entries (a create and its registration rule).
            let journaled = Set(applied.filter { $0.direction == .to(side) }.compactMap(\.writeID)).count
            if created != journaled {
                problems.append("\(side): \(created) records created by the sync, \(journaled) applied creates journaled")
            }
        }
        let pending = try world.state.pendingIntentCount(mapping: mapping)
        if pending != 0 { problems.append("\(pending) writes without an outcome") }
        return problems
    }

    /// Every failure text the store kept: failed cycles, failed or dead write outcomes,
    /// failures' refusals.
    static func failureTexts(_ world: CycleWorld, mapping: String) throws -> [String] {
        var texts = try world.state.cycles(mapping: mapping, limit: 1_000).compactMap(\.error)
        texts += try world.state.journal(JournalQuery(mapping: mapping, limit: 10_000)).compactMap { $0.error ?? nil }
        texts += try world.state.failures(mapping: mapping).map { $0.refusal.message }
        return texts
    }
}
