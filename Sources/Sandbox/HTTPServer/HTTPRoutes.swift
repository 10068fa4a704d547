/// The sandbox's routing table: method + path pattern → handler. Vendor stand-ins register
/// their endpoints here; the server counts requests per route so tests can assert how many
/// calls a sync spent.
public struct HTTPRoutes: Sendable {
    public typealias Handler = @Sendable (HTTPServerRequest) -> HTTPServerReply

    struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let handler: Handler

        /// The counter key, e.g. `GET /sobjects/{type}`.
        var key: String { Self.key(method, pattern.text) }
        static func key(_ method: String, _ pattern: String) -> String { method.uppercased() + " " + pattern }
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route; earlier routes win when several match. `method` "*" matches any method.
    public mutating func on(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method.uppercased(), pattern: RoutePattern(pattern), handler: handler))
    }

    /// The matching route and its captures; a path known under another method gives 405.
    func resolve(_ request: HTTPServerRequest) -> Resolution {
        var pathKnown = false
        var allowed: [String] = []
        for route in routes {
            guard let parameters = route.pattern.match(request.path) else { continue }
            if route.method == "*" || route.method == request.method {
                return .matched(route, parameters)
            }
            pathKnown = true
            allowed.append(route.method)
        }
        return pathKnown ? .methodNotAllowed(allowed) : .notFound
    }

    enum Resolution {
        case matched(Route, [String: String])
        case methodNotAllowed([String])
        case notFound
    }
}
