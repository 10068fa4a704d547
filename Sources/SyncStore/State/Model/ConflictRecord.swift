import SyncCore

/// A conflict as stored: opened by the reconciler, resolved by ops
/// (`channelsync conflicts resolve`), closed once the next cycle applied it.
public struct ConflictRecord: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A `manual` field changed differently on both sides.
        case field
        /// A record was deleted on one side and edited on the other.
        case deleteVsEdit
        /// An unlinked record matched two or more candidates.
        case ambiguousLink
        /// A deal registration matched another record's end customer: nothing was
        /// created. `field` is the basis (domain, email, name), `candidates` the other
        /// record (and its counterpart); closed when the registration is created.
        case channel
    }

    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Waits for ops.
        case open
        /// Ops decided; the next cycle applies the decision.
        case resolved
        /// Applied, or the sides came to agree by themselves.
        case closed
    }

    public var id: Int64
    public var mapping: String
    public var linkID: String
    public var crmID: String?
    public var prmID: String?
    public var kind: Kind
    public var field: String?
    /// Canonical value JSON text.
    public var base: String?
    public var crmValue: String?
    public var prmValue: String?
    public var deletedSide: Side?
    public var candidates: [String]
    public var state: State
    public var openedAt: Int64
    public var resolution: ConflictResolution?
    public var resolvedAt: Int64?
    public var resolvedBy: String?
    public var closedAt: Int64?

    public init(id: Int64, mapping: String, linkID: String, crmID: String?, prmID: String?, kind: Kind,
                field: String?, base: String?, crmValue: String?, prmValue: String?, deletedSide: Side?,
                candidates: [String], state: State, openedAt: Int64, resolution: ConflictResolution?,
                resolvedAt: Int64?, resolvedBy: String?, closedAt: Int64?) {
        self.id = id
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
        self.state = state
        self.openedAt = openedAt
        self.resolution = resolution
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.closedAt = closedAt
    }

    /// The value both sides must hold once the resolution is applied: the chosen
    /// side's value or the value ops typed (canonical value JSON text).
    public var resolvedValue: String? {
        switch resolution {
        case .take(.crm): crmValue
        case .take(.prm): prmValue
        case let .value(json): json
        case nil: nil
        }
    }
}
