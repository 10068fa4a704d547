/// A value-type logger in the swift-log mould: created once by the executable,
/// passed down, never created inside a library. Messages and fields are built
/// only when the level is enabled, and every event passes through the redactor
/// before any sink sees it, so no sink can leak an email or a secret.
public struct Logger: Sendable {
    /// Where events go; must be safe to call from any queue.
    public typealias Sink = @Sendable (LogEvent) -> Void

    /// The least severe level that is still written.
    public var level: LogLevel
    /// Fields added to every event from this logger (e.g. `mapping=deals`).
    public var metadata: [LogField]
    /// Hashes emails and drops secret values before the sink sees them.
    public var redactor: LogRedactor
    private let sink: Sink

    public init(level: LogLevel = .info, metadata: [LogField] = [],
                redactor: LogRedactor = LogRedactor(), sink: @escaping Sink) {
        self.level = level
        self.metadata = metadata
        self.redactor = redactor
        self.sink = sink
    }

    /// A logger that drops everything, for code paths that must take one.
    public static let disabled = Logger(level: .error) { _ in }

    /// True when events at `level` reach the sink; lets callers skip expensive work.
    public func isEnabled(_ level: LogLevel) -> Bool { level <= self.level }

    /// A copy that adds `key=value` to every event (replacing a field of the same key, so
    /// layers that each add `mapping=` do not print it twice).
    public func with(_ key: String, _ value: String) -> Logger {
        var copy = self
        copy.metadata.removeAll { $0.key == key }
        copy.metadata.append(LogField(key, value))
        return copy
    }

    public func log(_ level: LogLevel, _ message: @autoclosure () -> String,
                    _ fields: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        guard isEnabled(level) else { return }
        let eventFields = metadata + fields().map { LogField($0.key, $0.value) }
        sink(redactor.redact(LogEvent(level: level, message: message(), fields: eventFields)))
    }

    /// Hands a ready-made event (e.g. a circuit transition) to the sink, if its level is enabled.
    public func log(_ event: LogEvent) {
        guard isEnabled(event.level) else { return }
        var event = event
        event.fields = metadata + event.fields
        sink(redactor.redact(event))
    }

    public func error(_ message: @autoclosure () -> String,
                      _ fields: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.error, message(), fields())
    }

    public func warning(_ message: @autoclosure () -> String,
                        _ fields: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.warning, message(), fields())
    }

    public func info(_ message: @autoclosure () -> String,
                     _ fields: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.info, message(), fields())
    }

    public func debug(_ message: @autoclosure () -> String,
                      _ fields: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.debug, message(), fields())
    }
}
