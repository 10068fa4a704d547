import Foundation

/// A native value as a remote API sends or receives it, before mapping.
/// Numbers keep their decimal form so money amounts never pass through `Double`.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value at a dotted path (`"stage.name"`, `"company.id"`), or nil when absent.
    public subscript(path path: FieldPath) -> JSONValue? {
        var current = self
        for key in path.components {
            guard case let .object(members) = current, let next = members[key] else { return nil }
            current = next
        }
        return current
    }
}
