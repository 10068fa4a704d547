@testable import SyncCore

/// Small builders for reconciler tests: a mapping, a linked pair at a synced
/// state, and a dictionary-backed candidate index.
enum ReconcileFixtures {
    static func field(_ name: String, _ direction: Direction = .both, policy: ConflictPolicy = .newest,
                      preferNonEmpty: Bool = false, type: FieldType = .string,
                      onCRM: Bool = true, onPRM: Bool = true) -> FieldMapping {
        FieldMapping(name: name, type: type, crmPath: onCRM ? FieldPath(name) : nil, prmPath: onPRM ? FieldPath(name) : nil,
                     direction: direction, policy: policy, preferNonEmpty: preferNonEmpty)
    }

    static func mapping(_ fields: [FieldMapping], matchKeys: [[String]] = [], scope: [ScopeFilter] = [],
                        deletePolicy: DeletePolicy = .flag, externalIds: Bool = true) -> Mapping {
        Mapping(name: "deals",
                crm: SideBinding(remote: "crm", object: "Opportunity", externalIdField: externalIds ? FieldPath("PRM_Id__c") : nil),
                prm: SideBinding(remote: "prm", object: "Deal", externalIdField: externalIds ? FieldPath("crmId") : nil),
                fields: fields, matchKeys: matchKeys, scope: scope, deletePolicy: deletePolicy)
    }

    static func reconciler(_ mapping: Mapping) throws -> Reconciler {
        try Reconciler(mapping: mapping)
    }
}

/// A pair linked as `L1` (CRM `C1` ↔ PRM `P1`) whose last sync left both sides
/// holding `base`, seen at modification time 1 on each side.
struct LinkedPair {
    let reconciler: Reconciler
    var link: Link
    var shadow: Shadow

    init(_ mapping: Mapping, base: [String: Value]) throws {
        reconciler = try Reconciler(mapping: mapping)
        link = Link(id: "L1", mapping: mapping.name, crmId: "C1", prmId: "P1", status: .active)
        let values = reconciler.compiled.values(base)
        shadow = Shadow(crm: values, prm: values, crmModifiedAt: 1, prmModifiedAt: 1)
    }

    /// The shadow's values with `edits` applied, as a record of `side`.
    func record(_ side: Side, _ edits: [String: Value], at: Int64) -> CanonicalRecord {
        var values = shadow.values(side).dictionary
        values.merge(edits) { $1 }
        return reconciler.compiled.record(side: side, id: side == .crm ? "C1" : "P1", modifiedAt: at, values: values)
    }

    /// One cycle: each side either reports the record with `edits` (nil: no change).
    func run(crm: [String: Value]? = nil, crmAt: Int64 = 2, prm: [String: Value]? = nil, prmAt: Int64 = 2,
             resolutions: [String: Value] = [:]) throws -> Plan {
        try reconciler.reconcile(ReconcileInput(
            link: link, shadow: shadow,
            crm: crm.map { .upserted(record(.crm, $0, at: crmAt)) },
            prm: prm.map { .upserted(record(.prm, $0, at: prmAt)) },
            resolutions: resolutions, newLinkID: "L-new", now: 1_000))
    }

    func run(crmChange: RecordChange?, prmChange: RecordChange?) throws -> Plan {
        try reconciler.reconcile(ReconcileInput(link: link, shadow: shadow, crm: crmChange, prm: prmChange,
                                                newLinkID: "L-new", now: 1_000))
    }
}

/// Candidate index over plain arrays: every record given is unlinked.
struct CandidateTable: LinkCandidates {
    var records: [CanonicalRecord]

    func record(on side: Side, id: String) -> CanonicalRecord? {
        records.first { $0.side == side && $0.id == id }
    }

    func records(on side: Side, externalId: String) -> [CanonicalRecord] {
        records.filter { $0.side == side && $0.externalId == externalId }
    }

    func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord] {
        records.filter { record in
            record.side == side && zip(fields, values).allSatisfy { record.values[$0.0] == $0.1 }
        }
    }
}

extension Plan {
    /// The fields written to `side`, if the plan writes there.
    func written(to side: Side) -> [String: Value]? {
        writes.first { $0.side == side }?.fields
    }

    var rules: [Rule] { journal.map(\.rule) }
}
