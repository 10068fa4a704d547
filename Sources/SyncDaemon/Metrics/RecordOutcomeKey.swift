/// Which records a count is about: the labels of `channelsync_records_synced_total`.
/// Plain strings so the runtime stays independent of the reconciler's enums;
/// keep them to small fixed vocabularies (they become metric labels).
public struct RecordOutcomeKey: Sendable, Hashable, Comparable {
    /// e.g. `to_crm`, `to_prm`.
    public var direction: String
    /// e.g. `create`, `update`, `delete`, `link`.
    public var operation: String
    /// e.g. `applied`, `failed`, `dead`, `skipped`.
    public var result: String

    public init(direction: String, operation: String, result: String) {
        self.direction = direction
        self.operation = operation
        self.result = result
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.direction, lhs.operation, lhs.result) < (rhs.direction, rhs.operation, rhs.result)
    }
}
