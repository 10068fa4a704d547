/// One `key=value` pair of a log event. Keys are short snake_case names;
/// values are already strings so the sink decides nothing about formatting.
public struct LogField: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
