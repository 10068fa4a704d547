import Foundation

/// A request as the sandbox server received it.
public struct HTTPServerRequest: Sendable {
    public let method: String
    /// The request target exactly as sent: origin-form (`/a?b=c`) or, from a client talking
    /// to a proxy, absolute-form (`http://host/a?b=c`).
    public let target: String
    /// The path, still percent-encoded, without the query.
    public let path: String
    /// The query, decoded (`%XX` and `+` as space).
    public let query: [URLQueryItem]
    public let headers: HTTPServerHeaders
    /// The body, de-chunked.
    public let body: Data
    /// Values captured by `{name}` segments of the matched route pattern; `*` holds the rest.
    public internal(set) var pathParameters: [String: String]
    /// Which accepted TCP connection carried the request (1 for the first).
    public let connectionNumber: Int
    /// 1 for the first request on its connection, 2 for the next kept-alive one, …
    public let numberOnConnection: Int

    /// Public so vendor stand-in handlers can be unit-tested without a socket.
    public init(
        method: String, target: String, headers: HTTPServerHeaders = [:], body: Data = Data(),
        connectionNumber: Int = 1, numberOnConnection: Int = 1
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.connectionNumber = connectionNumber
        self.numberOnConnection = numberOnConnection
        self.pathParameters = [:]
        var rest = Substring(target)
        if let schemeEnd = rest.range(of: "://") {
            rest = rest[schemeEnd.upperBound...]
            rest = rest[(rest.firstIndex(of: "/") ?? rest.endIndex)...]
        }
        rest = rest.prefix { $0 != "#" }
        let queryStart = rest.firstIndex(of: "?")
        let path = queryStart.map { rest[..<$0] } ?? rest
        self.path = path.isEmpty ? "/" : String(path)
        self.query = queryStart.map { start in
            rest[rest.index(after: start)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return URLQueryItem(
                    name: Self.decode(parts[0]), value: parts.count > 1 ? Self.decode(parts[1]) : nil)
            }
        } ?? []
    }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The body as UTF-8 text (lossy).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
