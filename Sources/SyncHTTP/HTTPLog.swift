/// Where the client reports what it did: a value passed in, never created inside the
/// library (the swift-log way). Fields are built only when someone listens at that level.
public struct HTTPLog: Sendable {
    private let sink: (@Sendable (HTTPLogEvent) -> Void)?
    public let minimumLevel: HTTPLogEvent.Level
    /// Whether events carry the `url` field. A listener that only counts answers (the
    /// daemon's request tally hears every request at debug) says no: the redacted,
    /// scrubbed URL costs a scan of the request's secrets on every request.
    public let includesURL: Bool

    public init(
        minimumLevel: HTTPLogEvent.Level = .debug, includesURL: Bool = true,
        _ sink: @escaping @Sendable (HTTPLogEvent) -> Void
    ) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.includesURL = includesURL
    }

    private init() {
        sink = nil
        minimumLevel = .error
        includesURL = false
    }

    /// Drops everything.
    public static let discard = HTTPLog()

    func emit(
        _ level: HTTPLogEvent.Level, _ name: String,
        _ fields: @autoclosure () -> [(key: String, value: String)]
    ) {
        guard let sink, level >= minimumLevel else { return }
        sink(HTTPLogEvent(level: level, name: name, fields: fields()))
    }
}
