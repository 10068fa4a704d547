import Foundation

/// A response whose status the request accepts. Connectors read vendor usage headers
/// (`Sforce-Limit-Info`, `X-HubSpot-RateLimit-*`) from `headers`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// The final response's headers only (no `100 Continue` or proxy `CONNECT` headers).
    public var headers: HTTPHeaders
    /// Decompressed, at most the remote's `maxResponseBytes`.
    public var body: Data
    /// Attempts it took, the first included.
    public var attempts: Int
    /// TCP connections opened for the final attempt: 0 means a kept-alive one was reused.
    public var newConnections: Int

    public init(status: Int, headers: HTTPHeaders, body: Data, attempts: Int = 1, newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.attempts = attempts
        self.newConnections = newConnections
    }
}

extension HTTPResponse: CustomStringConvertible {
    /// Status, header names and body size; `Set-Cookie` values never appear.
    public var description: String {
        let fields = Redaction.standard.redact(headers).map { "\($0.name): \($0.value)" }
        return "HTTP \(status) [\(fields.joined(separator: "; "))] \(body.count) bytes"
    }
}
