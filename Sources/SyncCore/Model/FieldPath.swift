/// Where a field lives in a side's native record: dotted object keys, e.g. `"stage.name"`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public let components: [String]

    /// Nil for an empty path or an empty component (`"a..b"`).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        components = parts
    }

    public var description: String { components.joined(separator: ".") }
}
