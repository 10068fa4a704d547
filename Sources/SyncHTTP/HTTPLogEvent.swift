/// One thing the client has to say, already redacted. The daemon turns it into a journal
/// line (`<N>` priority, key=value fields); SyncHTTP cannot see the daemon's logger.
public struct HTTPLogEvent: Sendable {
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case debug, info, warning, error

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }
    }

    public var level: Level
    /// A stable event name: `http.response`, `http.retry`, `http.failed`, `http.rate_wait`.
    public var name: String
    /// Ordered key/value pairs (remote, method, url, status, attempt, …).
    public var fields: [(key: String, value: String)]

    public init(level: Level, name: String, fields: [(key: String, value: String)]) {
        self.level = level
        self.name = name
        self.fields = fields
    }

    public func field(_ key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// `name key=value key="value with spaces"`.
    public var line: String {
        ([name] + fields.map { "\($0.key)=\(Self.quoted($0.value))" }).joined(separator: " ")
    }

    private static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
