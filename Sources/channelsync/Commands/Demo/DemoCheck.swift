import Sandbox
import SyncCore
import SyncStore

/// The end state the demo promises, checked on the sandbox systems themselves (not on
/// what the daemon believes): every record in a mapping's scope on either side is
/// linked to a live record on the other side, and linked records hold the same
/// canonical value in every field both sides keep (`createOnly` fields and
/// constants excepted: they are written once, by design). The one exception to "in
/// scope means linked" is the deal-registration workflow's: a registration the
/// channel-conflict check (or an unknown partner) held as duplicate / under review is
/// correctly in no CRM — it counts as held when the journal says why and no CRM
/// record names it. Likewise a record deleted on one side while its counterpart was
/// edited: the link is flagged with an open delete-vs-edit conflict for ops, and the
/// kept record counts as held.
struct DemoCheck {
    let mapping: Mapping
    let crm: SandboxStore
    let prm: SandboxStore

    /// One line per problem (ids and field names, never values: they may be emails),
    /// how many linked pairs were compared and how many registrations were held.
    func run(state: SyncState) throws -> (problems: [String], pairs: Int, held: Int) {
        let compared = mapping.fields.filter {
            $0.direction != .createOnly && $0.crmPath != nil && $0.prmPath != nil && $0.isRead(on: .crm) && $0.isRead(on: .prm)
        }
        let crmRecords = Dictionary(crm.records(mapping.crm.object).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let prmRecords = Dictionary(prm.records(mapping.prm.object).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        var checkedLinks = Set<String>()
        var held = 0
        for (side, records, others) in [(Side.crm, crmRecords, prmRecords), (Side.prm, prmRecords, crmRecords)] {
            let object = mapping.binding(side).object
            for (id, record) in records.sorted(by: { $0.key < $1.key }) {
                let values = mapping.normalize(.object(record.fields), side: side)
                guard inScope(values, side: side) else { continue }
                guard values.isComplete else {
                    problems.append("\(mapping.name): \(side) \(object) \(id) has unreadable fields: "
                                    + values.errors.map(\.field).joined(separator: ", "))
                    continue
                }
                guard let link = try state.liveLink(mapping: mapping.name, side: side, recordID: id) else {
                    if side == .prm, try isHeld(id, values: values, state: state) {
                        held += 1
                        continue
                    }
                    problems.append("\(mapping.name): \(side) \(object) \(id) is in scope but not linked")
                    continue
                }
                guard checkedLinks.insert(link.id).inserted else { continue }
                let otherSide: Side = side == .crm ? .prm : .crm
                let otherObject = mapping.binding(otherSide).object
                guard let otherID = otherSide == .crm ? link.crmID : link.prmID, let other = others[otherID] else {
                    if link.status == .flagged, try awaitsOps(link.id, state: state) {
                        held += 1
                        continue
                    }
                    problems.append("\(mapping.name): \(side) \(object) \(id) is linked to a \(otherObject) that is gone")
                    continue
                }
                let otherValues = mapping.normalize(.object(other.fields), side: otherSide)
                let differing = compared.filter { (values.values[$0.name] ?? .null) != (otherValues.values[$0.name] ?? .null) }
                if !differing.isEmpty {
                    problems.append("\(mapping.name): \(side) \(object) \(id) and \(otherSide) \(otherObject) \(otherID) differ in "
                                    + differing.map(\.name).joined(separator: ", "))
                }
            }
        }
        return (problems, checkedLinks.count, held)
    }

    /// A delete that met an edit of the kept record: the link is flagged and waits for ops
    /// (`conflicts resolve`), the mapping's documented outcome rather than a sync error.
    private func awaitsOps(_ linkID: String, state: SyncState) throws -> Bool {
        try state.conflicts(linkIDs: [linkID]).contains { $0.kind == .deleteVsEdit && $0.state != .closed }
    }

    /// A PRM registration the submission checks held back: its status is the one they
    /// set, the journal has their rule for it, and no CRM record carries its id.
    private func isHeld(_ id: String, values: Mapping.NormalizedRecord, state: SyncState) throws -> Bool {
        guard let registration = mapping.dealRegistration,
              let status = RegistrationStatus(values.values[registration.statusField]),
              status == registration.channelConflict?.onMatch || status == .underReview else { return false }
        let rows = try state.journal(JournalQuery(mapping: mapping.name, record: id, limit: 200))
        let heldBy = rows.contains { row in
            row.crmID == nil && Self.holdRules.contains { row.rule?.hasPrefix($0) == true }
        }
        guard heldBy else { return false }
        guard let externalID = mapping.crm.externalIdField?.description else { return true }
        return !crm.records(mapping.crm.object).contains { record in
            if case let .string(named)? = record.value(at: externalID) { return named == id }
            return false
        }
    }

    private static let holdRules = ["channel_conflict.", "registration.partner.unknown"]

    /// The scope filters as the reconciler applies them: a field this side does not
    /// read does not judge it.
    private func inScope(_ values: Mapping.NormalizedRecord, side: Side) -> Bool {
        mapping.scope.allSatisfy { filter in
            guard let field = mapping.field(named: filter.field), field.isRead(on: side) else { return true }
            let value = values.values[filter.field] ?? .null
            switch filter.op {
            case .equals: return filter.values.first == value
            case .notEquals: return filter.values.first != value
            case .in: return filter.values.contains(value)
            case .notIn: return !filter.values.contains(value)
            case .present: return !value.isEmpty
            case .absent: return value.isEmpty
            }
        }
    }
}
