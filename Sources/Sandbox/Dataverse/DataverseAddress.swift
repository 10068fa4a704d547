/// The resource a Web API path segment names: `opportunities`,
/// `opportunities(6f9…)` (primary key) or `opportunities(prm_dealid='P-1')` (alternate key).
struct DataverseAddress: Sendable, Hashable {
    enum Key: Sendable, Hashable {
        case none
        case id(String)
        case alternate(field: String, value: String)
    }

    var entitySet: String
    var key: Key

    /// Nil when the parentheses or the quoted key value are malformed.
    init?(_ segment: String) {
        guard let open = segment.firstIndex(of: "(") else {
            guard !segment.isEmpty else { return nil }
            self.init(entitySet: segment, key: .none)
            return
        }
        guard segment.hasSuffix(")") else { return nil }
        let name = String(segment[..<open])
        let inner = String(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)])
        guard !name.isEmpty, !inner.isEmpty else { return nil }
        guard let equals = inner.firstIndex(of: "=") else {
            self.init(entitySet: name, key: .id(inner.lowercased()))
            return
        }
        let field = String(inner[..<equals])
        var literal = Substring(inner[inner.index(after: equals)...])
        guard !field.isEmpty, !literal.isEmpty else { return nil }
        if literal.hasPrefix("'") {
            guard literal.count >= 2, literal.hasSuffix("'") else { return nil }
            literal = literal.dropFirst().dropLast()
            // Inside a quoted literal a quote is doubled; a lone one ends it early.
            guard !literal.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
        }
        self.init(entitySet: name, key: .alternate(field: field, value: literal.replacingOccurrences(of: "''", with: "'")))
    }

    init(entitySet: String, key: Key) {
        self.entitySet = entitySet
        self.key = key
    }
}
