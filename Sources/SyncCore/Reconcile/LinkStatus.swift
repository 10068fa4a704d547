/// Where a link stands. Only `active` links are synced.
public enum LinkStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The two records are kept in step.
    case active
    /// Both records are gone (deleted on both sides, or the delete propagated).
    case deleted
    /// One side was deleted and the other kept (delete policy `flag`), or a
    /// delete met an edit: ops decide. Nothing is synced meanwhile.
    case flagged
    /// The record matched two or more candidates: it waits for ops (or for the
    /// ambiguity to go away on one of its later changes); nothing is created.
    case review
    /// The records were linked and no longer are (scope left, delete policy
    /// `unlink`); both live on independently and may be linked again later.
    case unlinked
}
