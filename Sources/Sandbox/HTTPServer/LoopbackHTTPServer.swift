/// A small HTTP/1.1 server on 127.0.0.1 or ::1 and an ephemeral port, for tests, the demo
/// and the vendor API stand-ins.
///
/// Real sockets, keep-alive, `Content-Length` and chunked bodies both ways, and fault
/// injection through `HTTPServerReply`. It counts accepted TCP connections and requests
/// (in total and per route) so tests can assert connection reuse and call budgets. A thread
/// per connection: simple, and a stalled connection cannot starve the others.
public final class LoopbackHTTPServer: Sendable {
    private let core: ServerCore

    /// Starts listening at once; `port` 0 (the default) lets the kernel choose one.
    public init(
        address: LoopbackAddress = .ipv4, port: UInt16 = 0, limits: HTTPServerLimits = .standard, routes: HTTPRoutes
    ) throws(LoopbackServerError) {
        let listener = try ListeningSocket.open(address, port: port)
        core = ServerCore(address: address, listener: listener, routes: routes, limits: limits)
        core.startAccepting()
    }

    /// A server whose every request, any method and path, goes to `handler`.
    public convenience init(
        address: LoopbackAddress = .ipv4, port: UInt16 = 0, limits: HTTPServerLimits = .standard,
        handler: @escaping HTTPRoutes.Handler
    ) throws(LoopbackServerError) {
        var routes = HTTPRoutes()
        routes.on("*", "/*", handler)
        try self.init(address: address, port: port, limits: limits, routes: routes)
    }

    deinit {
        core.stop()
    }

    public var address: LoopbackAddress { core.address }
    public var port: UInt16 { core.listener.port }
    /// `http://127.0.0.1:PORT` (or `http://[::1]:PORT`), no trailing slash.
    public var baseURL: String { "http://\(core.address.urlHost):\(port)" }

    /// TCP connections accepted since start.
    public var acceptedConnections: Int { core.counters.withLock { $0.accepted } }
    /// Connections currently open.
    public var openConnections: Int { core.counters.withLock { $0.open.count } }
    /// Requests read since start, routed or not (malformed ones are not counted).
    public var requestCount: Int { core.counters.withLock { $0.requests } }

    /// Requests served by the route registered as `method` + `pattern`, spelled exactly as
    /// given to `HTTPRoutes.on` (e.g. `requestCount("GET", "/sobjects/{type}")`).
    public func requestCount(_ method: String, _ pattern: String) -> Int {
        let key = HTTPRoutes.Route.key(method, pattern)
        return core.counters.withLock { $0.perRoute[key] ?? 0 }
    }

    /// Requests that matched no route (answered 404 or 405).
    public var unmatchedRequestCount: Int {
        core.counters.withLock { $0.perRoute[ServerCore.unmatchedRoute] ?? 0 }
    }

    /// Stops accepting, closes every connection (waking stalled ones) and waits for the
    /// connection threads, at most 10 s. Idempotent; also run when the server is released.
    public func stop() {
        core.stop()
    }
}
