/// What the sandbox knows about one object (table) of one system.
public struct ObjectDefinition: Sendable, Hashable {
    /// How new ids look.
    public enum IDScheme: Sendable, Hashable {
        /// 18-character Salesforce ids with this 3-character key prefix (`006` Opportunity).
        case salesforce(keyPrefix: String)
        /// Decimal numbers counting up from `start` (HubSpot, Impartner, generic APIs).
        case numeric(start: Int64)
        /// `prefix` followed by 14 base-62 characters (PartnerStack keys like `cus_…`).
        case prefixed(String)
        /// Lower-case GUIDs (Dataverse); the last group is the sequence in hex, so unique.
        case guid
    }

    /// What deleting does.
    public enum DeleteMode: Sendable, Hashable {
        /// The record stays, flagged, until purged (Salesforce recycle bin, HubSpot archive).
        case soft
        /// The record is gone; only a full scan notices.
        case hard
    }

    public var name: String
    public var idScheme: IDScheme
    public var deleteMode: DeleteMode
    /// Fields whose values must be unique among live records (compared case-insensitively
    /// for strings). Upserts and external-id look-ups use them.
    public var uniqueFields: [String]
    /// Fields a create must carry (non-null, non-empty).
    public var requiredFields: [String]
    /// The writable fields, when the API rejects unknown ones; nil accepts any field.
    public var schema: [String]?

    public init(name: String, idScheme: IDScheme, deleteMode: DeleteMode,
                uniqueFields: [String] = [], requiredFields: [String] = [], schema: [String]? = nil) {
        self.name = name
        self.idScheme = idScheme
        self.deleteMode = deleteMode
        self.uniqueFields = uniqueFields
        self.requiredFields = requiredFields
        self.schema = schema
    }

    /// The schema's spelling of `field` (APIs like Salesforce ignore case), or nil when the
    /// schema does not have it. Without a schema every name is its own spelling.
    public func canonicalField(_ field: String) -> String? {
        guard let schema else { return field }
        if schema.contains(field) { return field }
        let lowered = field.lowercased()
        return schema.first { $0.lowercased() == lowered }
    }

    func makeID(sequence: Int64) -> String {
        switch idScheme {
        case let .salesforce(keyPrefix): return SalesforceID.make(keyPrefix: keyPrefix, sequence: sequence)
        case let .numeric(start): return String(start + sequence)
        case let .prefixed(prefix): return prefix + Base62.encode((sequence &+ 1) &* 25_214_903_917, width: 14)
        case .guid:
            let mixed = String(UInt64(bitPattern: (sequence &+ 1) &* 6_364_136_223_846_793_005), radix: 16)
            let high = String(repeating: "0", count: 16 - mixed.count) + mixed
            let low = String(UInt64(bitPattern: sequence), radix: 16)
            let tail = String(repeating: "0", count: max(0, 12 - low.count)) + low
            return "\(high.prefix(8))-\(high.dropFirst(8).prefix(4))-4\(high.dropFirst(13).prefix(3))-8\(high.dropFirst(1).prefix(3))-\(tail)"
        }
    }
}
