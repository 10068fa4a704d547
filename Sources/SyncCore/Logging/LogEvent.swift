/// One thing that happened, as handed to a log sink: already filtered by level
/// and already redacted, so a sink only formats and writes.
public struct LogEvent: Sendable, Hashable {
    public var level: LogLevel
    public var message: String
    /// The logger's own fields (e.g. `mapping=deals`) first, then the event's.
    public var fields: [LogField]

    public init(level: LogLevel, message: String, fields: [LogField] = []) {
        self.level = level
        self.message = message
        self.fields = fields
    }

    /// The value of the first field named `key`, for tests and sinks that route on it.
    public func value(of key: String) -> String? {
        fields.first { $0.key == key }?.value
    }
}
