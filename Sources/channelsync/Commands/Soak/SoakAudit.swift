import Sandbox
import SyncCore
import SyncStore

/// The end checks of a soak, made on the sandbox systems themselves and the journal:
///
/// 1. both sides agree on every mapped field of every linked record, and every record
///    in scope is linked (`DemoCheck`, the demo's own end check);
/// 2. no write is left without an outcome;
/// 3. no duplicate creates: no external-id value is held by two records of one object
///    where one of them was created through the API, and no link got two applied creates;
/// 4. the journal accounts for every write the sandbox received: per target record,
///    `applied ≤ received ≤ applied + interrupted`, where `received` counts the
///    sandbox's committed API writes, `applied` the journal's writes with outcome
///    `applied`, and `interrupted` those a kill left without an outcome that start-up
///    settled by looking them up (and sent again when the remote did not have them).
///    So every write the sandbox received has a journal write, and every write the
///    journal calls applied reached the sandbox exactly once.
struct SoakAudit {
    let configuration: Configuration
    let sandbox: SandboxEnvironment
    let databasePath: String

    struct Figures {
        var problems: [String] = []
        var linkedPairs = 0
        var journalWrites = 0
        var appliedWrites = 0
        /// Writes a kill left without an outcome, settled at the next start.
        var settledAfterKill = 0
        var settledFound = 0
        var cycles = 0
        var interruptedCycles = 0
    }

    func run() throws -> Figures {
        var figures = Figures()
        let state = try SyncState.openReadOnly(path: databasePath)
        defer { try? state.close() }
        for mapping in configuration.mappings {
            let (crm, prm) = (try store(mapping.crm.remote), try store(mapping.prm.remote))
            let check = try DemoCheck(mapping: mapping, crm: crm, prm: prm).run(state: state)
            figures.problems += check.problems
            figures.linkedPairs += check.pairs
            figures.problems += duplicates(mapping, side: .crm, store: crm) + duplicates(mapping, side: .prm, store: prm)
            let cycles = try state.cycles(mapping: mapping.name, limit: 10_000_000)
            figures.cycles += cycles.count
            figures.interruptedCycles += cycles.filter { $0.result == .interrupted }.count
        }
        let pending = try state.pendingIntentCount()
        if pending > 0 { figures.problems.append("\(pending) writes still have no outcome after the final clean run") }
        try account(state: state, figures: &figures)
        return figures
    }

    // MARK: - Duplicate creates

    /// External-id values held by more than one record of the object, one of them
    /// created by the daemon.
    private func duplicates(_ mapping: Mapping, side: Side, store: SandboxStore) -> [String] {
        let binding = mapping.binding(side)
        guard let field = binding.externalIdField?.description else { return [] }
        let created = Set(store.writeLog.filter { $0.operation == .create && $0.outcome == .applied }.map(\.recordID))
        var holders: [String: [String]] = [:]
        for record in store.records(binding.object, includeDeleted: true) {
            guard case let .string(value)? = record.value(at: field), !value.isEmpty else { continue }
            holders[value, default: []].append(record.id)
        }
        return holders.sorted { $0.key < $1.key }.compactMap { value, ids in
            guard ids.count > 1, ids.contains(where: created.contains) else { return nil }
            return "\(mapping.name): duplicate create: \(side) \(binding.object) records \(ids.sorted().joined(separator: ", ")) "
                + "all hold \(field) = \(value)"
        }
    }

    // MARK: - Journal against the sandbox's write log

    private struct Tally {
        var received = 0
        var applied = 0
        var interrupted = 0
        var mapping = ""
    }

    private func account(state: SyncState, figures: inout Figures) throws {
        let rows = try state.journal(JournalQuery(limit: Int.max, newest: false))
        var outcomes: [Int64: JournalRow] = [:]
        var writeIDs = Set<Int64>()
        for row in rows {
            guard let writeID = row.writeID else { continue }
            writeIDs.insert(writeID)
            if row.intentSeq != nil, outcomes[writeID] == nil { outcomes[writeID] = row }
        }
        // Per target: "system/record id".
        var tallies: [String: Tally] = [:]
        var createdLinks: [String: Int] = [:]
        for writeID in writeIDs.sorted() {
            guard let write = try state.write(id: writeID) else { continue }
            figures.journalWrites += 1
            let mapping = configuration.mappings.first { $0.name == write.mapping }
            guard let mapping, let remote = try? system(mapping.binding(write.side).remote) else {
                figures.problems.append("journal write \(writeID) names mapping '\(write.mapping)', not in the config")
                continue
            }
            guard let outcome = outcomes[writeID] else { continue }  // pending: reported above
            let interrupted = (outcome.status == .failed || outcome.status == .dead)
                && (outcome.error ?? "").contains("INTERRUPTED")
            let resolvedAtStart = outcome.detail?.hasPrefix("resolved at start-up") == true
            if resolvedAtStart { figures.settledAfterKill += 1 }
            if resolvedAtStart, outcome.status == .applied { figures.settledFound += 1 }
            let filled = write.side == .crm ? outcome.crmID : outcome.prmID
            guard let target = write.recordID ?? (outcome.status == .applied ? filled : nil) else {
                if outcome.status == .applied {
                    figures.problems.append("\(write.mapping): write \(writeID) (\(write.operation.rawValue) on the \(write.side)) "
                                            + "is applied but names no record")
                }
                continue
            }
            let key = "\(remote.rawValue)/\(target)"
            tallies[key, default: Tally(mapping: write.mapping)].mapping = write.mapping
            if outcome.status == .applied {
                figures.appliedWrites += 1
                tallies[key]?.applied += 1
                if write.operation == .create, let link = write.linkID { createdLinks[link, default: 0] += 1 }
            } else if interrupted {
                tallies[key]?.interrupted += 1
            }
        }
        for (link, creates) in createdLinks.sorted(by: { $0.key < $1.key }) where creates > 1 {
            figures.problems.append("duplicate create: link \(link) has \(creates) applied creates in the journal")
        }
        for system in Set(configuration.service.remotes.compactMap { try? self.system($0.name) }) {
            for write in sandbox.store(system).writeLog where write.outcome == .applied {
                tallies["\(system.rawValue)/\(write.recordID)", default: Tally()].received += 1
            }
        }
        for (key, tally) in tallies.sorted(by: { $0.key < $1.key }) {
            if tally.received < tally.applied {
                figures.problems.append("\(key): the journal has \(tally.applied) applied writes, the sandbox received \(tally.received)")
            } else if tally.received > tally.applied + tally.interrupted {
                figures.problems.append("\(key): the sandbox received \(tally.received) writes, the journal accounts for "
                                        + "\(tally.applied) applied + \(tally.interrupted) interrupted")
            }
        }
    }

    // MARK: - Remotes

    private func system(_ remote: String) throws(SoakError) -> SandboxSystem {
        guard let dialect = configuration.service.remotes.first(where: { $0.name == remote })?.dialect else {
            throw .audit(["the config has no remote '\(remote)'"])
        }
        return SandboxSystem(dialect: dialect)
    }

    private func store(_ remote: String) throws(SoakError) -> SandboxStore {
        sandbox.store(try system(remote))
    }
}
