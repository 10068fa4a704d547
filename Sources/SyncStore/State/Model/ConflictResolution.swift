import SyncCore

/// What ops decided for a conflict.
public enum ConflictResolution: Sendable, Hashable {
    /// Keep this side's value (for `deleteVsEdit`: this side's state — deleted or kept).
    case take(Side)
    /// Write this canonical value (JSON text) to both sides; for `ambiguousLink`, the
    /// chosen candidate's id as a JSON string.
    case value(String)
}
