/// Per-request time limits (libcurl `CURLOPT_CONNECTTIMEOUT_MS` and `CURLOPT_TIMEOUT_MS`).
public struct RemoteTimeouts: Sendable, Hashable {
    public var connect: Duration
    /// The whole request, connect to last byte.
    public var total: Duration

    public init(connect: Duration = .seconds(10), total: Duration = .seconds(60)) {
        self.connect = connect
        self.total = total
    }
}
