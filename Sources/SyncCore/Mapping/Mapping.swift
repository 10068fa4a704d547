/// One mapping: how records of one CRM object correspond to records of one PRM
/// object (e.g. Opportunity ↔ Deal). Built from a `config/mappings/*.json5` file
/// after validation, so every invariant below already holds.
public struct Mapping: Sendable, Hashable {
    /// Unique mapping name, e.g. `"deals"`; keys all state in the store.
    public var name: String
    /// The CRM side: remote name, object and external-id field.
    public var crm: SideBinding
    /// The PRM side.
    public var prm: SideBinding
    /// Mapped fields, in config order. Names are unique.
    public var fields: [FieldMapping]
    /// Keys for linking records that exist on both sides before the first sync,
    /// tried in order; each key is a list of canonical field names that must all
    /// be non-empty and equal.
    public var matchKeys: [[String]]
    /// Which records take part; all filters must hold (on the canonical values).
    public var scope: [ScopeFilter]
    /// What a delete on one side does to the other.
    public var deletePolicy: DeletePolicy
    /// The deal-registration program (`dealRegistration`); nil for plain field sync.
    public var dealRegistration: DealRegistration? = nil
    /// Lead distribution to partners (leads mappings only); nil: none.
    public var leadDistribution: LeadDistribution?

    public init(name: String, crm: SideBinding, prm: SideBinding, fields: [FieldMapping],
                matchKeys: [[String]] = [], scope: [ScopeFilter] = [], deletePolicy: DeletePolicy = .flag) {
        self.name = name
        self.crm = crm
        self.prm = prm
        self.fields = fields
        self.matchKeys = matchKeys
        self.scope = scope
        self.deletePolicy = deletePolicy
    }

    public func binding(_ side: Side) -> SideBinding { side == .crm ? crm : prm }

    public func field(named name: String) -> FieldMapping? { fields.first { $0.name == name } }
}

/// One side of a mapping.
public struct SideBinding: Sendable, Hashable {
    /// The remote's name in `channelsync.json5` (`remotes[].name`).
    public var remote: String
    /// The object on that remote: `Opportunity`, `deals`, `Deal`, …
    public var object: String
    /// The field on this side's records that holds the *other* side's id, so a
    /// write can upsert by it and a crash-repeated create updates instead of
    /// duplicating. Nil when the API cannot store a foreign id: links then live
    /// only in ChannelSync's store.
    public var externalIdField: FieldPath?

    public init(remote: String, object: String, externalIdField: FieldPath? = nil) {
        self.remote = remote
        self.object = object
        self.externalIdField = externalIdField
    }
}

/// What happens on the other side when a linked record is deleted on one side.
public enum DeletePolicy: String, Sendable, Hashable, CaseIterable {
    /// Delete (archive) the other side's record too.
    case propagate
    /// Forget the link; both records live on independently.
    case unlink
    /// Keep the other record, mark the link `deleted` for ops to decide.
    case flag
}
