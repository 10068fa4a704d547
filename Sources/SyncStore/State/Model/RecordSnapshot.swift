import SyncCore

/// A record seen on one side, kept so that an unlinked record can later be linked to
/// a counterpart that shows up in another cycle (by external id or match key).
public struct RecordSnapshot: Sendable, Hashable {
    public var mapping: String
    public var side: Side
    public var id: String
    /// The record's external-id field: the id of its counterpart on the other side.
    public var externalID: String?
    public var modifiedAt: Int64
    /// Canonical values as JSON text.
    public var values: String
    public var deleted: Bool
    /// Match-key name → normalized key value (e.g. `"email"` → `"ann@example.com"`,
    /// `"domain+name"` → a joined form). The caller normalizes; the store compares
    /// exactly. Only keys whose values are all non-empty belong here.
    public var matchKeys: [String: String]

    public init(mapping: String, side: Side, id: String, externalID: String? = nil, modifiedAt: Int64,
                values: String, deleted: Bool = false, matchKeys: [String: String] = [:]) {
        self.mapping = mapping
        self.side = side
        self.id = id
        self.externalID = externalID
        self.modifiedAt = modifiedAt
        self.values = values
        self.deleted = deleted
        self.matchKeys = matchKeys
    }
}
