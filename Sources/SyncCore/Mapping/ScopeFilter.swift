/// A condition on a canonical field that a record must meet to take part in a
/// mapping. A linked record that stops meeting it is unlinked, never deleted.
public struct ScopeFilter: Sendable, Hashable {
    public var field: String
    public var op: Operator
    /// One value for `equals`/`notEquals`, a list for `in`/`notIn`, none for `present`/`absent`.
    public var values: [Value]

    public init(field: String, op: Operator, values: [Value] = []) {
        self.field = field
        self.op = op
        self.values = values
    }

    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals, notEquals, `in`, notIn, present, absent
    }
}
