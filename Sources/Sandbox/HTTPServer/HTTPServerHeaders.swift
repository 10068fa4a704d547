import Foundation

/// Header fields of a sandbox request or response: ordered, looked up case-insensitively.
/// (Sandbox cannot see SyncHTTP's `HTTPHeaders`; the two stay independent on purpose so the
/// server never shares a bug with the client it tests.)
public struct HTTPServerHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var fields: [Field]

    private struct Field: Sendable, Equatable {
        var name: String
        var value: String
        var key: String
    }

    public init() { fields = [] }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1, key: $0.0.lowercased()) }
    }

    /// The first value for `name`; setting replaces all fields of that name (nil removes).
    public subscript(name: String) -> String? {
        get {
            let key = name.lowercased()
            return fields.first { $0.key == key }?.value
        }
        set {
            let key = name.lowercased()
            fields.removeAll { $0.key == key }
            if let newValue { fields.append(Field(name: name, value: newValue, key: key)) }
        }
    }

    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.key == key }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        let key = name.lowercased()
        return fields.contains { $0.key == key }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value, key: name.lowercased()))
    }

    /// Whether a comma-separated header (`Connection`, `Transfer-Encoding`) lists `token`.
    public func hasToken(_ token: String, in name: String) -> Bool {
        let wanted = token.lowercased()
        return values(for: name).contains { value in
            value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
        }
    }

    public var count: Int { fields.count }

    public func makeIterator() -> AnyIterator<Element> {
        var iterator = fields.makeIterator()
        return AnyIterator { iterator.next().map { (name: $0.name, value: $0.value) } }
    }
}
