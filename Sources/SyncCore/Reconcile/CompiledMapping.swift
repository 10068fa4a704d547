/// A `Mapping` prepared for reconciling: fields by slot, scope filters and match
/// keys resolved to slots. Built once per mapping (and again on reload).
public struct CompiledMapping: Sendable {
    public let mapping: Mapping
    /// The mapping's name, kept apart so the hot path never copies `mapping`.
    public let name: String
    let deletePolicy: DeletePolicy
    let crmHasExternalIdField: Bool
    let prmHasExternalIdField: Bool
    /// Field names in mapping order; every `FieldValues` built here shares it.
    public let names: [String]
    let fields: [CompiledField]
    let slotByName: [String: Int]
    let scope: [CompiledScopeFilter]
    let matchKeys: [[Int]]

    public init(_ mapping: Mapping) throws(ReconcileError) {
        self.mapping = mapping
        name = mapping.name
        deletePolicy = mapping.deletePolicy
        crmHasExternalIdField = mapping.crm.externalIdField != nil
        prmHasExternalIdField = mapping.prm.externalIdField != nil
        names = mapping.fields.map(\.name)
        fields = mapping.fields.map(CompiledField.init)
        var slots: [String: Int] = [:]
        for (slot, name) in names.enumerated() {
            guard slots.updateValue(slot, forKey: name) == nil else {
                throw .invalidMapping(mapping: mapping.name, problem: "field '\(name)' is defined twice")
            }
        }
        slotByName = slots
        scope = try mapping.scope.map { filter throws(ReconcileError) in
            guard let slot = slots[filter.field] else {
                throw .invalidMapping(mapping: mapping.name, problem: "scope filter names unknown field '\(filter.field)'")
            }
            return CompiledScopeFilter(slot: slot, filter: filter)
        }
        matchKeys = try mapping.matchKeys.map { key throws(ReconcileError) in
            guard !key.isEmpty else {
                throw .invalidMapping(mapping: mapping.name, problem: "a match key lists no fields")
            }
            return try key.map { name throws(ReconcileError) in
                guard let slot = slots[name] else {
                    throw .invalidMapping(mapping: mapping.name, problem: "match key names unknown field '\(name)'")
                }
                return slot
            }
        }
    }

    /// Values laid out for this mapping (names not mapped are ignored).
    public func values(_ values: [String: Value]) -> FieldValues {
        FieldValues(names: names, values: values)
    }

    /// A record whose values line up with this mapping.
    public func record(side: Side, id: String, modifiedAt: Int64, externalId: String? = nil,
                       values: [String: Value]) -> CanonicalRecord {
        CanonicalRecord(side: side, id: id, modifiedAt: modifiedAt, externalId: externalId, values: self.values(values))
    }

    /// Whether `side`'s records carry the counterpart's id.
    public func hasExternalIdField(_ side: Side) -> Bool {
        side == .crm ? crmHasExternalIdField : prmHasExternalIdField
    }

    /// Whether a record's own values meet every scope filter.
    public func inScope(_ values: FieldValues) -> Bool {
        if scope.isEmpty { return true }
        let values = values.aligned(to: names)
        return scope.allSatisfy { $0.admits(values) }
    }
}
