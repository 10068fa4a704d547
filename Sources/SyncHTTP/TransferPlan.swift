import Foundation

/// What one curl transfer sets on the handle, decided and validated before the handle is
/// locked. The options every request of the remote shares are `CurlHandleSettings`.
struct TransferPlan: Sendable {
    var method: HTTPMethod
    var url: String
    var headerLines: [String]
    var body: Data?
    /// The proxy for this URL ("" = direct): loopback URLs never use one.
    var proxy: String
    var totalTimeoutMilliseconds: Int
    var maxResponseBytes: Int
    /// Use a new connection. libcurl silently re-sends a request whose reused
    /// keep-alive connection turns out dead; for a request that is not idempotent
    /// (a plain create) that re-send could create the record twice.
    var freshConnection: Bool
}

extension TransferPlan {
    /// Builds the plan, or says why the request cannot be sent as described.
    static func make(for request: HTTPRequest, remote: RemoteConfig) -> Result<TransferPlan, InvalidRequestReason> {
        let fullURL = request.fullURL
        let url: RequestURL
        switch RequestURL.parse(fullURL) {
        case .success(let parsed): url = parsed
        case .failure(let problem): return .failure(InvalidRequestReason(problem.description))
        }
        if request.method == .get, request.body != nil {
            return .failure(InvalidRequestReason("a GET request cannot carry a body"))
        }
        var lines: [String] = []
        for (name, value) in request.headers {
            if let problem = headerProblem(name: name, value: value) { return .failure(problem) }
            // "Name;" is curl's spelling of a header sent with an empty value.
            lines.append(value.isEmpty ? name + ";" : name + ": " + value)
        }
        // curl waits up to a second for "100 Continue" before a large body; our remotes
        // answer the full request anyway.
        if !request.headers.contains("Expect") { lines.append("Expect:") }
        var body = request.body
        if request.method == .put || request.method == .patch { body = body ?? Data() }
        if let body, !request.headers.contains("Content-Type") {
            // Otherwise curl labels any body as a form.
            lines.append(body.isEmpty ? "Content-Type:" : "Content-Type: application/octet-stream")
        }
        return .success(TransferPlan(
            method: request.method, url: fullURL, headerLines: lines, body: body,
            proxy: remote.proxy.proxy(for: url),
            totalTimeoutMilliseconds: (request.totalTimeout ?? remote.timeouts.total).wholeMillisecondsRoundedUp,
            maxResponseBytes: remote.maxResponseBytes, freshConnection: !request.idempotent))
    }

    private static let tokenSymbols = Set("!#$%&'*+-.^_`|~".utf8)

    /// Header names must be RFC 9110 tokens; values must not hold CR, LF or NUL, which would
    /// let a value smuggle another header or request.
    private static func headerProblem(name: String, value: String) -> InvalidRequestReason? {
        let nameIsToken = !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || tokenSymbols.contains(byte)
        }
        if !nameIsToken {
            return InvalidRequestReason("header name \"\(name.prefix(40))\" is not a valid token")
        }
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) {
            return InvalidRequestReason("header \(name) has a line break or NUL in its value")
        }
        return nil
    }
}
