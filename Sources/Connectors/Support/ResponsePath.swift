import SyncCore

/// Where something sits in a response body: dotted keys (`data.items`, `result.record`),
/// a whole number stepping into an array (`data.0.records`), or the empty path for the
/// body itself. Configured per API for the generic connector.
public struct ResponsePath: Sendable, Hashable, CustomStringConvertible {
    public let components: [String]

    /// Nil for an empty component (`a..b`, a leading or trailing dot). `""` is the root.
    public init?(_ text: String) {
        if text.isEmpty {
            components = []
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        components = parts
    }

    public static let root = ResponsePath(components: [])

    private init(components: [String]) {
        self.components = components
    }

    public var isRoot: Bool { components.isEmpty }

    public var description: String { components.joined(separator: ".") }

    /// The path below `self`.
    func appending(_ other: ResponsePath) -> ResponsePath {
        ResponsePath(components: components + other.components)
    }

    /// The value at this path in `value`, or nil when a step is missing.
    func read(_ value: JSONValue) -> JSONValue? {
        var current = value
        for key in components {
            switch current {
            case .object(let members):
                guard let next = members[key] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// `value` with `new` at this path, creating objects on the way (an existing non-object
    /// on the way is replaced). The root path replaces the whole value.
    func write(_ new: JSONValue, into value: JSONValue) -> JSONValue {
        guard let head = components.first else { return new }
        var members = value.objectValue ?? [:]
        let rest = ResponsePath(components: Array(components.dropFirst()))
        members[head] = rest.write(new, into: members[head] ?? .object([:]))
        return .object(members)
    }

    /// `value` wrapped so that it sits at this path (`data` → `{"data": value}`).
    func wrap(_ value: JSONValue) -> JSONValue {
        write(value, into: .object([:]))
    }
}
