extension HTTPError: CustomStringConvertible {
    /// One line for logs and the journal, e.g.
    /// `salesforce: GET https://…/query?q=… failed after 3 attempts: HTTP 503 (Retry-After 120s): …`.
    /// Built only from redacted fields.
    public var description: String {
        guard let failure else {
            if case .invalidConfiguration(let remote, let reason) = self {
                return (remote.isEmpty ? "" : "remote \(remote): ") + "invalid HTTP settings: \(reason)"
            }
            return "HTTP error"
        }
        let attempts = failure.attempts > 1 ? " after \(failure.attempts) attempts" : ""
        let head = "\(failure.remote.isEmpty ? "" : failure.remote + ": ")\(failure.method) \(failure.url) failed\(attempts)"
        return head + ": " + detail(failure)
    }

    private func detail(_ failure: HTTPFailure) -> String {
        let curl = failure.curlCode.map { code in
            " (curl \(code)\(failure.curlMessage.map { ": " + $0 } ?? ""))"
        } ?? ""
        switch self {
        case .connect: return "could not connect" + curl
        case .tls: return "TLS failure" + curl
        case .timeout: return "timed out" + curl
        case .transport: return "connection failed" + curl
        case .status:
            var text = "HTTP \(failure.status ?? 0)"
            if let retryAfter = failure.retryAfter { text += " (Retry-After \(retryAfter.secondsText))" }
            let excerpt = failure.bodyExcerpt
            return excerpt.isEmpty ? text : text + ": " + excerpt
        case .responseTooLarge(_, let limit):
            return "response larger than the \(limit)-byte limit (maxResponseBytes); transfer stopped"
        case .cancelled: return "cancelled"
        case .invalidRequest(_, let reason): return "invalid request: " + reason
        case .curl: return "libcurl error" + curl
        case .dailyBudgetExhausted(_, let perDay, _):
            return "not sent: the \(perDay) requests of requestBudget.perDay are spent until the next UTC day"
        case .invalidConfiguration: return ""
        }
    }
}
