@testable import SyncCore

/// Two simulated systems and the sync state a store would keep (links,
/// shadows, resolutions), driven through the real reconciler: each cycle pulls
/// both change feeds, reconciles every touched pair, applies each plan as if
/// every write succeeded, and checks the properties. The first broken property
/// ends the run with a message.
final class ModelBasedWorld: LinkCandidates {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let scenario: ModelBasedScenario
    let reconciler: Reconciler
    var compiled: CompiledMapping { reconciler.compiled }
    private(set) var systems: [Side: ModelBasedSystem] = [.crm: ModelBasedSystem(side: .crm), .prm: ModelBasedSystem(side: .prm)]
    private(set) var links: [String: Link] = [:]
    private var shadows: [String: Shadow] = [:]
    private var resolutions: [String: [String: Value]] = [:]
    private var nextLink = 1
    private var clock: Int64 = 1_000
    /// Filled when tracing (the replay of a failing scenario).
    private(set) var trace: [String]?
    private(set) var rules: [Rule: Int] = [:]
    private(set) var openConflictsReported = 0
    private(set) var divergencesAllowed = 0

    init(_ scenario: ModelBasedScenario, tracing: Bool) throws {
        self.scenario = scenario
        reconciler = try Reconciler(mapping: scenario.mapping())
        trace = tracing ? [] : nil
    }

    func log(_ line: @autoclosure () -> String) {
        if trace != nil { trace?.append(line()) }
    }

    // MARK: The scenario

    func run() throws(Failure) {
        for (index, round) in scenario.rounds.enumerated() {
            log("round \(index + 1)")
            clock += 10
            let before = snapshot()
            var edits: [EditKey: (before: Value?, after: Value)] = [:]
            for action in round { perform(action, edits: &edits) }
            let writes = try cycle()
            try checkNoLostUpdate(edits, before: before)
            _ = writes
        }
        log("edits stop")
        for _ in 0..<2 { _ = try cycle() }
        try checkConvergence()
        // Idempotence: the echoes of the last writes, and a full re-read, plan no write.
        let echoWrites = try cycle()
        guard echoWrites == 0 else { throw fail("a cycle with no remote change planned \(echoWrites) write(s)") }
        try checkReReadPlansNothing()
    }

    private func perform(_ action: ModelBasedScenario.Action, edits: inout [EditKey: (before: Value?, after: Value)]) {
        log("  user: \(action)")
        switch action {
        case let .create(side, values, names, jitter):
            let others = systems[side.other]?.ids ?? []
            let externalId = names.flatMap { pick in
                compiled.mapping.binding(side).externalIdField == nil || others.isEmpty ? nil : others[Int(pick % UInt64(others.count))]
            }
            let id = systems[side]?.create(values: values, externalId: externalId, at: clock + jitter) ?? "?"
            log("    → \(side) \(id)\(externalId.map { " naming \($0)" } ?? "")")
        case let .edit(side, pick, field, value, jitter):
            let ids = systems[side]?.ids ?? []
            guard !ids.isEmpty else { return }
            edit(side, ids[Int(pick % UInt64(ids.count))], field, value, at: clock + jitter, edits: &edits)
        case let .editBoth(pick, field, crm, prm, crmJitter, prmJitter):
            let pairs = activePairs()
            guard !pairs.isEmpty else { return }
            let link = pairs[Int(pick % UInt64(pairs.count))]
            guard let crmId = link.crmId, let prmId = link.prmId else { return }
            edit(.crm, crmId, field, crm, at: clock + crmJitter, edits: &edits)
            edit(.prm, prmId, field, prm, at: clock + prmJitter, edits: &edits)
        case let .delete(side, pick):
            let ids = systems[side]?.ids ?? []
            guard !ids.isEmpty else { return }
            let id = ids[Int(pick % UInt64(ids.count))]
            systems[side]?.delete(id, at: clock)
            log("    → deleted \(side) \(id)")
        case let .resolve(pick, take):
            var open: [(link: Link, field: String)] = []
            for link in activePairs() {
                for field in shadows[link.id]?.conflicts ?? [] { open.append((link, field)) }
            }
            guard !open.isEmpty else { return }
            let (link, field) = open[Int(pick % UInt64(open.count))]
            guard let id = link.id(take), let value = systems[take]?.records[id]?.values[field] else { return }
            resolutions[link.id, default: [:]][field] = value
            log("    → \(link.id).\(field) := \(Reconciler.text(value))")
        }
    }

    struct EditKey: Hashable {
        let side: Side
        let id: String
        let field: String
    }

    private func edit(_ side: Side, _ id: String, _ field: String, _ value: Value, at time: Int64,
                      edits: inout [EditKey: (before: Value?, after: Value)]) {
        let key = EditKey(side: side, id: id, field: field)
        let before = edits[key]?.before ?? systems[side]?.records[id]?.values[field]
        edits[key] = (before, value)
        systems[side]?.update(id, [field: value], externalId: nil, at: time)
        log("    → \(side) \(id).\(field) = \(Reconciler.text(value))")
    }

    // MARK: One sync cycle, as the daemon runs it

    /// Returns the number of writes planned.
    @discardableResult
    func cycle() throws(Failure) -> Int {
        log("cycle")
        var changes: [(Side, RecordChange)] = []
        for side in Side.allCases {
            changes += (systems[side]?.pull(compiled) ?? []).map { (side, $0) }
        }
        var paired: [String: (crm: RecordChange?, prm: RecordChange?)] = [:]
        var unlinked: [(Side, RecordChange)] = []
        for (side, change) in changes {
            if let link = openLink(side, change.id) {
                if side == .crm { paired[link.id, default: (nil, nil)].crm = change } else { paired[link.id, default: (nil, nil)].prm = change }
            } else {
                unlinked.append((side, change))
            }
        }
        for linkId in resolutions.keys where paired[linkId] == nil { paired[linkId] = (nil, nil) }

        var writes = 0
        for linkId in paired.keys.sorted() {
            guard let link = links[linkId], let pair = paired[linkId] else { continue }
            let resolved = link.status == .active ? resolutions.removeValue(forKey: linkId) ?? [:] : [:]
            resolutions[linkId] = nil
            writes += try reconcile(link: link, crm: pair.crm, prm: pair.prm, resolutions: resolved)
        }
        for (side, change) in unlinked {
            // An earlier plan of this cycle may have linked it already.
            let link = openLink(side, change.id)
            writes += try reconcile(link: link, crm: side == .crm ? change : nil, prm: side == .prm ? change : nil, resolutions: [:])
        }
        try checkOneOpenLinkPerRecord()
        return writes
    }

    private func reconcile(link: Link?, crm: RecordChange?, prm: RecordChange?, resolutions: [String: Value]) throws(Failure) -> Int {
        let input = ReconcileInput(link: link, shadow: link.flatMap { shadows[$0.id] }, crm: crm, prm: prm,
                                   resolutions: resolutions, newLinkID: "L" + ModelBasedSystem.padded(nextLink), now: clock)
        let plan: Plan
        do {
            plan = try reconciler.reconcile(input, candidates: self)
            // Determinism: the same input gives the same plan.
            guard try reconciler.reconcile(input, candidates: self) == plan else {
                throw fail("determinism: two calls with the same input gave different plans")
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw fail("reconcile threw \(error)")
        }
        if plan.links.contains(where: { $0.id == input.newLinkID }) { nextLink += 1 }
        log("  reconcile \(link?.id ?? "unlinked") crm=\(Self.text(crm)) prm=\(Self.text(prm))"
            + (resolutions.isEmpty ? "" : " resolutions=\(ModelBasedScenario.text(resolutions))"))
        for entry in plan.journal {
            rules[entry.rule, default: 0] += 1
            log("    \(entry.rule.rawValue) \(entry.operation.rawValue) \(entry.direction.rawValue) "
                + entry.changes.map { "\($0.field): \(Reconciler.text($0.before)) → \(Reconciler.text($0.after))" }.joined(separator: ", ")
                + (entry.detail.map { " (\($0))" } ?? ""))
        }
        try apply(plan, callLink: link?.id)
        return plan.writes.count
    }

    private func apply(_ plan: Plan, callLink: String?) throws(Failure) {
        for link in plan.links {
            links[link.id] = link
            log("    link \(link.id) \(link.crmId ?? "-") ↔ \(link.prmId ?? "-") \(link.status.rawValue)")
            guard link.status == .active else { continue }
            // The store's contract: an active link supersedes a review link of either record.
            for (id, other) in links where id != link.id && other.status == .review
                && ((other.crmId != nil && other.crmId == link.crmId) || (other.prmId != nil && other.prmId == link.prmId)) {
                links[id]?.status = .unlinked
            }
        }
        for write in plan.writes {
            clock += 1
            log("    write \(write.operation.rawValue) \(write.side) \(write.recordId ?? "(new)") \(ModelBasedScenario.text(write.fields))")
            switch write.operation {
            case .create:
                var values: [String: Value] = [:]
                for name in ModelBasedScenario.fieldNames { values[name] = write.fields[name] ?? .null }
                let externalId = compiled.mapping.binding(write.side).externalIdField == nil ? nil : write.externalId
                guard let id = systems[write.side]?.create(values: values, externalId: externalId, at: clock) else { continue }
                links[write.linkId]?.setId(id, write.side)
                log("      created \(id)")
            case .update:
                guard let id = write.recordId, systems[write.side]?.records[id] != nil else {
                    throw fail("update of \(write.side) record \(write.recordId ?? "nil") that does not exist")
                }
                let externalId = compiled.mapping.binding(write.side).externalIdField == nil ? nil : write.externalId
                systems[write.side]?.update(id, write.fields, externalId: externalId, at: clock)
            case .delete:
                guard let id = write.recordId, systems[write.side]?.records[id] != nil else {
                    throw fail("delete of \(write.side) record \(write.recordId ?? "nil") that does not exist")
                }
                systems[write.side]?.delete(id, at: clock)
            }
        }
        if let shadow = plan.shadow, let linkId = plan.links.first?.id ?? callLink {
            shadows[linkId] = shadow
        }
    }

    // MARK: What the store would answer

    /// The record's link that is still open (active, flagged or in review).
    func openLink(_ side: Side, _ id: String) -> Link? {
        links.values.filter { $0.id(side) == id && [.active, .flagged, .review].contains($0.status) }.min { $0.id < $1.id }
    }

    private func isCandidate(_ side: Side, _ id: String) -> Bool {
        !links.values.contains { $0.id(side) == id && ($0.status == .active || $0.status == .flagged) }
    }

    private func candidates(on side: Side, where test: (String, ModelBasedSystem.Record) -> Bool) -> [CanonicalRecord] {
        guard let system = systems[side] else { return [] }
        return system.ids.compactMap { id in
            guard let record = system.records[id], isCandidate(side, id), test(id, record) else { return nil }
            return system.canonical(id, record, compiled)
        }
    }

    func record(on side: Side, id: String) -> CanonicalRecord? {
        candidates(on: side) { candidate, _ in candidate == id }.first
    }

    func records(on side: Side, externalId: String) -> [CanonicalRecord] {
        candidates(on: side) { _, record in record.externalId == externalId }
    }

    func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord] {
        candidates(on: side) { _, record in zip(fields, values).allSatisfy { record.values[$0.0] == $0.1 } }
    }

    func activePairs() -> [Link] {
        links.values.filter { $0.status == .active && $0.crmId != nil && $0.prmId != nil }.sorted { $0.id < $1.id }
    }

    // MARK: Properties

    private struct Snapshot {
        let links: [String: Link]
        let shadows: [String: Shadow]
        let resolutions: [String: [String: Value]]
    }

    private func snapshot() -> Snapshot { Snapshot(links: links, shadows: shadows, resolutions: resolutions) }

    private func field(_ name: String) -> FieldMapping? { compiled.mapping.field(named: name) }

    private func owner(_ field: FieldMapping) -> Side? {
        switch field.direction {
        case .toPRM: .crm
        case .toCRM: .prm
        case .both, .createOnly: nil
        }
    }

    /// No lost update: a field edited on only one side in a round holds that
    /// edit on both sides after the next cycle, wherever the rules let it flow.
    private func checkNoLostUpdate(_ edits: [EditKey: (before: Value?, after: Value)], before: Snapshot) throws(Failure) {
        for (key, edit) in edits.sorted(by: { ($0.key.id, $0.key.field) < ($1.key.id, $1.key.field) }) where edit.before != edit.after {
            guard let field = field(key.field), field.direction != .createOnly, owner(field) != key.side.other,
                  !(field.preferNonEmpty && edit.after.isEmpty),
                  let old = before.links.values.first(where: { $0.status == .active && $0.id(key.side) == key.id }),
                  let shadow = before.shadows[old.id], !shadow.conflicts.contains(key.field),
                  before.resolutions[old.id]?[key.field] == nil,
                  let now = links[old.id], now.status == .active, now.crmId == old.crmId, now.prmId == old.prmId,
                  let otherId = now.id(key.side.other),
                  edits[EditKey(side: key.side.other, id: otherId, field: key.field)] == nil,
                  !(shadows[old.id]?.conflicts.contains(key.field) ?? false),
                  let crm = now.crmId.flatMap({ systems[.crm]?.records[$0] }),
                  let prm = now.prmId.flatMap({ systems[.prm]?.records[$0] })
            else { continue }
            guard crm.values[key.field] == edit.after, prm.values[key.field] == edit.after else {
                throw fail("lost update: \(key.side) \(key.id).\(key.field) was edited to \(Reconciler.text(edit.after)) on one side only, "
                    + "but after the cycle CRM holds \(Reconciler.text(crm.values[key.field])) and PRM \(Reconciler.text(prm.values[key.field]))")
            }
        }
    }

    /// Convergence: every active pair agrees on every synced field, except open
    /// manual conflicts (counted) and a one-way preferNonEmpty field whose owner
    /// emptied it (the rule forbids both fixes); the shadow matches both sides.
    func checkConvergence() throws(Failure) {
        for link in links.values.sorted(by: { $0.id < $1.id }) where link.status == .active {
            guard let crmId = link.crmId, let prmId = link.prmId,
                  let crm = systems[.crm]?.records[crmId], let prm = systems[.prm]?.records[prmId] else {
                throw fail("active link \(link.id) \(link.crmId ?? "-") ↔ \(link.prmId ?? "-") is missing a record")
            }
            guard let shadow = shadows[link.id] else { throw fail("active link \(link.id) has no shadow") }
            for field in compiled.mapping.fields {
                let name = field.name
                guard shadow.crm[name] == crm.values[name], shadow.prm[name] == prm.values[name] else {
                    throw fail("shadow of \(link.id) says \(name) is CRM \(Reconciler.text(shadow.crm[name])) / PRM "
                        + "\(Reconciler.text(shadow.prm[name])), the records hold \(Reconciler.text(crm.values[name])) / "
                        + "\(Reconciler.text(prm.values[name]))")
                }
                if field.direction == .createOnly || crm.values[name] == prm.values[name] { continue }
                if shadow.conflicts.contains(name) {
                    openConflictsReported += 1
                    log("open manual conflict reported: \(link.id).\(name)")
                    continue
                }
                if field.preferNonEmpty, let owner = owner(field),
                   (owner == .crm ? crm : prm).values[name]?.isEmpty ?? true,
                   !((owner == .crm ? prm : crm).values[name]?.isEmpty ?? true) {
                    divergencesAllowed += 1
                    continue
                }
                throw fail("no convergence: \(link.id) \(crmId) ↔ \(prmId) field \(name) (\(field.direction), \(field.policy)"
                    + "\(field.preferNonEmpty ? ", preferNonEmpty" : "")): CRM \(Reconciler.text(crm.values[name])), "
                    + "PRM \(Reconciler.text(prm.values[name]))")
            }
        }
    }

    /// Idempotence, strong form: re-reading every linked record plans no write.
    private func checkReReadPlansNothing() throws(Failure) {
        for link in activePairs() {
            guard let crmId = link.crmId, let prmId = link.prmId,
                  let crm = systems[.crm]?.records[crmId], let prm = systems[.prm]?.records[prmId],
                  let crmRecord = systems[.crm]?.canonical(crmId, crm, compiled),
                  let prmRecord = systems[.prm]?.canonical(prmId, prm, compiled) else { continue }
            let input = ReconcileInput(link: link, shadow: shadows[link.id], crm: .upserted(crmRecord), prm: .upserted(prmRecord),
                                       newLinkID: "L-reread", now: clock)
            let plan: Plan
            do { plan = try reconciler.reconcile(input, candidates: self) } catch { throw fail("reconcile threw \(error)") }
            guard plan.writes.isEmpty else {
                throw fail("idempotence: re-reading \(link.id) planned \(plan.writes.count) write(s): "
                    + plan.writes.map { "\($0.side) \(ModelBasedScenario.text($0.fields))" }.joined(separator: "; "))
            }
        }
    }

    /// A record is in at most one open link (the store's unique constraint).
    private func checkOneOpenLinkPerRecord() throws(Failure) {
        var seen: [String: String] = [:]
        for link in links.values.sorted(by: { $0.id < $1.id }) where [.active, .flagged, .review].contains(link.status) {
            for id in [link.crmId, link.prmId].compactMap({ $0 }) {
                if let first = seen.updateValue(link.id, forKey: id) {
                    throw fail("record \(id) is in two open links: \(first) and \(link.id)")
                }
            }
        }
    }

    private func fail(_ message: String) -> Failure {
        log("FAILED: \(message)")
        return Failure(description: message)
    }

    private static func text(_ change: RecordChange?) -> String {
        switch change {
        case nil: "-"
        case let .deleted(id, _)?: "\(id) deleted"
        case let .upserted(record)?: "\(record.id)@\(record.modifiedAt)"
        }
    }
}
