/// A decision the reconciler refuses to take, opened for ops.
public struct Conflict: Sendable, Hashable, Codable {
    public var kind: ConflictKind
    public var linkId: String
    /// The field, for `.field` conflicts.
    public var field: String?
    /// The last synced value (the CRM side's shadow; nil before the first sync).
    public var base: Value?
    /// Each side's value (for `.deleteVsEdit`: nil on the deleted side).
    public var crm: Value?
    public var prm: Value?
    /// For `.deleteVsEdit`: the side whose record was deleted.
    public var deletedSide: Side?
    /// For `.ambiguousLink`: the ids of the candidate records, on either side, sorted.
    public var candidates: [String]

    public init(kind: ConflictKind, linkId: String, field: String? = nil, base: Value? = nil,
                crm: Value? = nil, prm: Value? = nil, deletedSide: Side? = nil, candidates: [String] = []) {
        self.kind = kind
        self.linkId = linkId
        self.field = field
        self.base = base
        self.crm = crm
        self.prm = prm
        self.deletedSide = deletedSide
        self.candidates = candidates
    }
}
