/// What ops are asked to decide.
public enum ConflictKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A `manual` field changed differently on both sides.
    case field
    /// A record was deleted on one side and edited on the other.
    case deleteVsEdit
    /// An unlinked record matched two or more candidates.
    case ambiguousLink
    /// A deal registration matched another record's end customer (channel conflict):
    /// nothing was created; `field` holds the basis, `candidates` the other records.
    case channel
}
