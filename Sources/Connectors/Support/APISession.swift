import SyncHTTP

/// Sends a connector's requests: checks the quota reserve, authorizes, re-mints the token
/// once when the remote says the session is over, counts usage, reads quota headers and
/// turns every failure into a `ConnectorError`. Every dialect in the module sends through
/// one of these.
final class APISession: Sendable {
    let client: HTTPClient
    let authorizer: Authorizer
    let usage: UsageMeter
    let rules: SessionRules

    init(client: HTTPClient, authorizer: Authorizer, usage: UsageMeter, rules: SessionRules) {
        self.client = client
        self.authorizer = authorizer
        self.usage = usage
        self.rules = rules
    }

    var remote: String { client.remote.name }

    /// Sends the request `build` makes for the current access. `endpoint` is a short,
    /// secret-free label for errors (`GET queryAll Opportunity`).
    func send(
        _ endpoint: String, _ build: (Authorizer.Access) throws(ConnectorError) -> HTTPRequest
    ) throws(ConnectorError) -> HTTPResponse {
        try usage.admit()
        var renewed = false
        while true {
            let access = try authorizer.access(remote: remote)
            var request = try build(access)
            if let header = access.header { request.headers[header.name] = header.value }
            do {
                let response = try client.send(request)
                usage.count(attempts: response.attempts)
                if let reading = rules.quota(response.headers) { usage.record(reading) }
                return response
            } catch {
                if case .dailyBudgetExhausted(_, let perDay, _) = error {
                    // The configured allocation, spent: a quota stop like the vendor's own.
                    throw .quotaExhausted(remote: remote, used: perDay, limit: perDay, message: error.description)
                }
                guard case .status(let failure) = error else {
                    usage.count(attempts: error.failure?.attempts ?? 0)
                    throw .transport(error)
                }
                usage.count(attempts: failure.attempts, throttled: failure.status == 429)
                if let reading = rules.quota(failure.responseHeaders) { usage.record(reading) }
                if !renewed, rules.sessionExpired(failure), authorizer.renew(after: access) {
                    renewed = true
                    continue
                }
                throw classify(error, failure, endpoint: endpoint)
            }
        }
    }

    /// The common reading of a status failure, after the dialect's own.
    private func classify(_ error: HTTPError, _ failure: HTTPFailure, endpoint: String) -> ConnectorError {
        if let special = rules.classify(failure, remote, endpoint) { return special }
        let status = failure.status ?? 0
        let detail = RemoteErrorDetail.parse(failure.responseBody)
        let message = detail?.message ?? (failure.bodyExcerpt.isEmpty ? "no error body" : failure.bodyExcerpt)
        switch status {
        case 401:
            return .authenticationFailed(remote: remote, code: detail?.code, message: message)
        case 429:
            return .rateLimited(remote: remote, retryAfter: failure.retryAfter, message: message)
        case 400..<500:
            return .rejected(remote: remote, endpoint: endpoint, status: status, code: detail?.code, message: message)
        default:
            return .transport(error)
        }
    }
}
