extension ConnectorError: CustomStringConvertible {
    /// One line for logs, the journal and `channelsync failures`; built only from redacted
    /// parts, so it is safe to show.
    public var description: String {
        switch self {
        case .missingCredential(let remote, let name):
            return "\(remote): credential '\(name)' is missing; put it in the credentials directory (systemd LoadCredential=\(name):…)"
        case .tokenRefused(let remote, let status, let code, let message):
            let head = status.map { "HTTP \($0)" } ?? "no status"
            return "\(remote): the OAuth token endpoint refused to issue a token (\(head)\(code.map { ", \($0)" } ?? "")): \(message); check the client id, secret and refresh token"
        case .authenticationFailed(let remote, let code, let message):
            return "\(remote): authentication failed\(code.map { " (\($0))" } ?? ""): \(message)"
        case .quotaExhausted(let remote, let used, let limit, let message):
            var reading = ""
            if let used, let limit { reading = " (used \(used) of \(limit))" }
            return "\(remote): API quota exhausted\(reading): \(message); no more calls this cycle"
        case .rateLimited(let remote, let retryAfter, let message):
            let wait = retryAfter.map { " (Retry-After \($0.components.seconds)s)" } ?? ""
            return "\(remote): rate limited\(wait) after retries: \(message)"
        case .rejected(let remote, let endpoint, let status, let code, let message):
            return "\(remote): \(endpoint) refused with HTTP \(status)\(code.map { " \($0)" } ?? ""): \(message)"
        case .malformedResponse(let remote, let endpoint, let reason):
            return "\(remote): \(endpoint) answered something unexpected: \(reason)"
        case .pagingStalled(let remote, let endpoint, let detail):
            return "\(remote): \(endpoint) paging made no progress: \(detail)"
        case .invalidRequest(let remote, let reason):
            return "\(remote): request not sent: \(reason)"
        case .invalidConfiguration(let remote, let reason):
            return "\(remote): invalid connector settings: \(reason)"
        case .transport(let error):
            return String(describing: error)
        }
    }
}
