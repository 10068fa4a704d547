/// One canonical field and where it lives on each side.
public struct FieldMapping: Sendable, Hashable {
    /// Canonical name, unique within the mapping (`amount`, `stage`, `close_date`).
    public var name: String
    public var type: FieldType
    /// Path on the CRM record; nil when the field exists only on the PRM side
    /// (then `direction` must not send it to the CRM).
    public var crmPath: FieldPath?
    public var prmPath: FieldPath?
    /// Native → canonical on read, canonical → native on write, applied in order
    /// on read and in reverse on write.
    public var crmTransforms: [Transform]
    public var prmTransforms: [Transform]
    public var direction: Direction
    /// Decides a two-way field edited differently on both sides since the shadow.
    public var policy: ConflictPolicy
    /// An empty value never overwrites a non-empty one on the other side.
    public var preferNonEmpty: Bool
    /// The canonical values of an `enum` field (its vocabulary, e.g. deal stages);
    /// empty for other types. Value maps translate each side's natives into these.
    public var values: [String] = []

    public init(name: String, type: FieldType, crmPath: FieldPath?, prmPath: FieldPath?,
                crmTransforms: [Transform] = [], prmTransforms: [Transform] = [],
                direction: Direction = .both, policy: ConflictPolicy = .newest, preferNonEmpty: Bool = false) {
        self.name = name
        self.type = type
        self.crmPath = crmPath
        self.prmPath = prmPath
        self.crmTransforms = crmTransforms
        self.prmTransforms = prmTransforms
        self.direction = direction
        self.policy = policy
        self.preferNonEmpty = preferNonEmpty
    }

    public func path(_ side: Side) -> FieldPath? { side == .crm ? crmPath : prmPath }
    public func transforms(_ side: Side) -> [Transform] { side == .crm ? crmTransforms : prmTransforms }

    /// Whether a change seen on `side` may be written to the other side.
    /// `createOnly` fields flow CRM → PRM and PRM → CRM on create only.
    public func flows(from side: Side) -> Bool {
        switch direction {
        case .both, .createOnly: true
        case .toPRM: side == .crm
        case .toCRM: side == .prm
        }
    }
}

/// Which way a field's changes travel.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case both
    case toPRM
    case toCRM
    /// Written when the record is created on the other side, never updated after.
    case createOnly
}

/// How a two-way conflict (both sides changed differently) is decided.
public enum ConflictPolicy: String, Sendable, Hashable, CaseIterable {
    /// The CRM value wins.
    case crm
    /// The PRM value wins.
    case prm
    /// The side with the later modification time wins; ties go to the CRM.
    case newest
    /// Nothing is written for the field; a conflict is opened for ops.
    case manual
}
