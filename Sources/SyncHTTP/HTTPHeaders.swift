/// An ordered list of header fields looked up case-insensitively (RFC 9110 §5.1).
///
/// Order and repeated names are kept because some headers (`Set-Cookie`, `Link`) may appear
/// more than once and connectors parse vendor headers such as `Sforce-Limit-Info` verbatim.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    private var fields: [Field]

    private struct Field: Sendable, Equatable {
        var name: String
        var value: String
        var key: String  // lowercased name, the lookup key
    }

    public init() { fields = [] }

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1, key: $0.0.lowercased()) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name`, compared case-insensitively. Setting replaces every field
    /// of that name (nil removes them).
    public subscript(name: String) -> String? {
        get {
            let key = name.lowercased()
            return fields.first { $0.key == key }?.value
        }
        set {
            let key = name.lowercased()
            guard let newValue else {
                fields.removeAll { $0.key == key }
                return
            }
            if let index = fields.firstIndex(where: { $0.key == key }) {
                fields[index].value = newValue
                let later = fields[(index + 1)...].filter { $0.key != key }
                fields.replaceSubrange((index + 1)..., with: later)
            } else {
                fields.append(Field(name: name, value: newValue, key: key))
            }
        }
    }

    /// Every value sent under `name`, in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.key == key }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        let key = name.lowercased()
        return fields.contains { $0.key == key }
    }

    /// Adds a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value, key: name.lowercased()))
    }

    public mutating func remove(_ name: String) {
        self[name] = nil
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> AnyIterator<Element> {
        var iterator = fields.makeIterator()
        return AnyIterator { iterator.next().map { (name: $0.name, value: $0.value) } }
    }

    /// The same fields with every value transformed; used by redaction.
    func mapValues(_ transform: (_ name: String, _ value: String) -> String) -> HTTPHeaders {
        var copy = self
        for index in copy.fields.indices {
            copy.fields[index].value = transform(copy.fields[index].name, copy.fields[index].value)
        }
        return copy
    }
}
