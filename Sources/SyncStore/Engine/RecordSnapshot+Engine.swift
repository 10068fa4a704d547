import SyncCore

extension RecordSnapshot {
    /// The store's row for a record seen on one side, with its match keys: for every
    /// key of the mapping whose fields all have non-empty values, the key's name is
    /// the field names joined by `+` and its value the canonical JSON of the values.
    public init(_ record: CanonicalRecord, mapping: CompiledMapping, deleted: Bool = false) throws {
        var keys: [String: String] = [:]
        for key in mapping.mapping.matchKeys {
            let values = key.compactMap { record.values[$0] }
            guard values.count == key.count, !values.contains(where: \.isEmpty) else { continue }
            keys[Self.matchKeyName(key)] = try Self.matchKeyValue(values)
        }
        self.init(mapping: mapping.name, side: record.side, id: record.id, externalID: record.externalId,
                  modifiedAt: record.modifiedAt, values: StoredJSON.encode(record.values), deleted: deleted,
                  matchKeys: keys)
    }

    /// The reconciler's record, its values laid out for `names`.
    public func canonicalRecord(alignedTo names: [String]) throws -> CanonicalRecord {
        let decoded = try StoredJSON.decodeValues(from: values, alignedTo: names, table: "records",
                                                  column: "values_json")
        return CanonicalRecord(side: side, id: id, modifiedAt: modifiedAt, externalId: externalID, values: decoded)
    }

    static func matchKeyName(_ fields: [String]) -> String { fields.joined(separator: "+") }

    static func matchKeyValue(_ values: [Value]) throws -> String { StoredJSON.encode(values) }
}
