import SyncCore

/// A decision the reconciler refuses to take, to open for ops. Values are canonical
/// value JSON text (nil: none on that side).
public struct ConflictDraft: Sendable, Hashable {
    public var mapping: String
    public var linkID: String
    public var crmID: String?
    public var prmID: String?
    public var kind: ConflictRecord.Kind
    public var field: String?
    public var base: String?
    public var crmValue: String?
    public var prmValue: String?
    public var deletedSide: Side?
    /// For `ambiguousLink`: the candidate record ids.
    public var candidates: [String]

    public init(mapping: String, linkID: String, crmID: String? = nil, prmID: String? = nil,
                kind: ConflictRecord.Kind, field: String? = nil, base: String? = nil, crmValue: String? = nil,
                prmValue: String? = nil, deletedSide: Side? = nil, candidates: [String] = []) {
        self.mapping = mapping
        self.linkID = linkID
        self.crmID = crmID
        self.prmID = prmID
        self.kind = kind
        self.field = field
        self.base = base
        self.crmValue = crmValue
        self.prmValue = prmValue
        self.deletedSide = deletedSide
        self.candidates = candidates
    }
}
