import Foundation
import Synchronization

/// The only way ChannelSync talks to a remote: one client per remote, shared by every mapping
/// that uses it.
///
/// One long-lived curl handle (so the TLS connection is reused), guarded by a mutex: requests
/// from several mapping queues run one at a time, which is also what API quotas want. Retries,
/// backoff and the request budget wait outside the lock, so one mapping's backoff does not
/// stall another's request.
public final class HTTPClient: Sendable {
    public let remote: RemoteConfig
    /// Shared by all users of this client; nil when the remote has no `rateLimit`.
    public let budget: RequestBudget?
    /// Flipped by `cancel()`.
    public let cancellation: HTTPCancellation
    let environment: HTTPEnvironment
    let log: HTTPLog
    private let easy: Mutex<CurlEasy>

    /// - Parameters:
    ///   - budget: pass one `RequestBudget` to several clients to make them share a quota;
    ///     by default the client makes its own from `remote.rateLimit`.
    public init(
        remote: RemoteConfig, environment: HTTPEnvironment = .live, budget: RequestBudget? = nil,
        log: HTTPLog = .discard
    ) throws(HTTPError) {
        CurlRuntime.initialize()
        if let problem = CurlRuntime.startupProblem {
            throw HTTPError.invalidConfiguration(remote: remote.name, reason: problem)
        }
        try remote.validate()
        let cancellation = HTTPCancellation()
        guard let easy = CurlEasy(settings: CurlHandleSettings(remote: remote), cancellation: cancellation) else {
            throw HTTPError.invalidConfiguration(remote: remote.name, reason: "curl_easy_init failed (out of memory?)")
        }
        self.remote = remote
        self.environment = environment
        self.log = log
        self.cancellation = cancellation
        self.easy = Mutex(easy)
        if let budget {
            self.budget = budget
        } else if let limit = remote.rateLimit {
            do {
                self.budget = try RequestBudget(limit, environment: environment)
            } catch {
                guard case .invalidConfiguration(_, let reason) = error else { throw error }
                throw HTTPError.invalidConfiguration(remote: remote.name, reason: reason)
            }
        } else {
            self.budget = nil
        }
    }

    /// Stops this client for good: a transfer in progress aborts within about a second, a
    /// backoff or budget wait ends at once, and every later request fails with `.cancelled`.
    public func cancel() {
        cancellation.cancel()
    }

    /// Sends `request`, retrying per `remote.retry`, and returns the first response whose
    /// status the request accepts.
    ///
    /// Blocks the calling thread (run it on a mapping's queue). Throws `HTTPError`; the
    /// error's description and fields never contain a secret.
    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let exchange = Exchange(request: request, redaction: remote.redaction)
        let plan: TransferPlan
        switch TransferPlan.make(for: request, remote: remote) {
        case .success(let made): plan = made
        case .failure(let reason):
            throw report(.invalidRequest(failure(exchange, attempts: 0), reason: exchange.scrubber.scrub(reason.text)), exchange)
        }
        var attempt = 0
        while true {
            attempt += 1
            if cancellation.isCancelled { throw HTTPError.cancelled(failure(exchange, attempts: attempt - 1)) }
            if let budget {
                guard budget.spendFromDay() else {
                    throw report(.dailyBudgetExhausted(failure(exchange, attempts: attempt - 1), perDay: budget.limit.perDay ?? 0,
                                                       resetsAt: budget.nextDay), exchange)
                }
                guard let waited = budget.acquire(cancellation: cancellation) else {
                    throw HTTPError.cancelled(failure(exchange, attempts: attempt - 1))
                }
                if waited > .zero {
                    log.emit(.debug, "http.rate_wait", commonFields(exchange) + [("waited", waited.secondsText)])
                }
            }
            let result = easy.withLock { easy in easy.transfer(plan) }
            let error: HTTPError
            let retryable: Bool
            switch judge(result, exchange, attempt: attempt) {
            case .accepted(let response):
                log.emit(.debug, "http.response", commonFields(exchange) + [
                    ("status", String(response.status)), ("attempt", String(attempt)),
                    ("new_connections", String(response.newConnections)), ("bytes", String(response.body.count)),
                ])
                return response
            case .failed(let failed, let canRetry):
                error = failed
                retryable = canRetry
            }
            guard retryable, attempt < remote.retry.maxAttempts, let delay = retryDelay(after: error, attempt: attempt) else {
                throw report(error, exchange)
            }
            log.emit(.info, "http.retry", commonFields(exchange) + failureFields(error) + [
                ("delay", delay.secondsText), ("error", String(describing: error)),
            ])
            environment.sleep(delay, cancellation)
        }
    }

    /// The server's `Retry-After` when it sent one (nil — give up — when it is longer than
    /// the policy allows), else full-jitter backoff.
    private func retryDelay(after error: HTTPError, attempt: Int) -> Duration? {
        if let retryAfter = error.failure?.retryAfter {
            return retryAfter <= remote.retry.maxRetryAfter ? retryAfter : nil
        }
        return remote.retry.backoff(retry: attempt - 1, unitRandom: environment.random())
    }

    /// One `send`: the request, and what redaction needs, computed once on first use —
    /// only a failure or a log line that someone reads needs it, and computing it for
    /// every request was a twentieth of a steady cycle's CPU. Lives on one thread (the
    /// sender's), inside one `send` call.
    private final class Exchange {
        let request: HTTPRequest
        private let redaction: Redaction

        init(request: HTTPRequest, redaction: Redaction) {
            self.request = request
            self.redaction = redaction
        }

        private(set) lazy var scrubber = SecretScrubber(request: request, redaction: redaction)
        /// Redacted and scrubbed.
        private(set) lazy var url = scrubber.scrub(redaction.redactURL(request.fullURL))
    }

    // MARK: Deciding

    private enum Verdict {
        case accepted(HTTPResponse)
        case failed(HTTPError, retryable: Bool)
    }

    private func judge(_ result: TransferResult, _ exchange: Exchange, attempt: Int) -> Verdict {
        let request = exchange.request
        if result.succeeded, request.acceptedStatuses.contains(result.status) {
            return .accepted(HTTPResponse(
                status: result.status, headers: result.headers, body: result.body, attempts: attempt,
                newConnections: result.newConnections))
        }
        // Only a failure needs the request's secrets (read here, not above: building the
        // scrubber for every accepted answer was a fifth of a steady cycle's CPU).
        let scrubber = exchange.scrubber
        var failure = failure(exchange, attempts: attempt)
        if result.succeeded {
            failure.status = result.status
            failure.responseHeaders = remote.redaction.redact(result.headers).mapValues { _, value in scrubber.scrub(value) }
            failure.responseBody = Self.scrubbedBody(result.body, scrubber)
            failure.retryAfter = result.headers["Retry-After"].flatMap { RetryAfter.delay($0, now: environment.wallClock()) }
            let retryable = remote.retry.retryableStatuses.contains(result.status) && request.idempotent
            return .failed(.status(failure), retryable: retryable)
        }
        let failureClass = TransferFailureClass(result)
        failure.curlCode = Int(result.code.rawValue)
        failure.curlMessage = scrubber.scrub(result.errorText)
        if result.status > 0 { failure.status = result.status }
        // A request that may have reached the server is repeated only when repeating is harmless.
        let retryable = failureClass.isRetryable
            && (request.idempotent || failureClass.neverSent || result.requestBytesSent == 0)
        let error: HTTPError = switch failureClass {
        case .connect: .connect(failure)
        case .tlsHandshake, .tlsFatal: .tls(failure)
        case .timeout: .timeout(failure)
        case .brokenConnection, .protocolError: .transport(failure)
        case .tooLarge: .responseTooLarge(failure, limit: remote.maxResponseBytes)
        case .cancelled: .cancelled(failure)
        case .invalidRequest: .invalidRequest(failure, reason: failure.curlMessage ?? "rejected by libcurl")
        case .other: .curl(failure)
        }
        return .failed(error, retryable: retryable)
    }

    /// The body of an error response, scrubbed; a body that is not UTF-8 text cannot be
    /// scrubbed and is dropped.
    private static func scrubbedBody(_ body: Data, _ scrubber: SecretScrubber) -> Data {
        let kept = body.prefix(HTTPFailure.bodyLimit)
        guard let text = String(data: kept, encoding: .utf8) else { return Data() }
        return Data(scrubber.scrub(text).utf8)
    }

    // MARK: Reporting

    private func failure(_ exchange: Exchange, attempts: Int) -> HTTPFailure {
        HTTPFailure(remote: remote.name, method: exchange.request.method, redactedURL: exchange.url, attempts: attempts)
    }

    private func commonFields(_ exchange: Exchange) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [("remote", remote.name), ("method", exchange.request.method.rawValue)]
        if log.includesURL { fields.append(("url", exchange.url)) }
        return fields
    }

    private func failureFields(_ error: HTTPError) -> [(key: String, value: String)] {
        var fields: [(key: String, value: String)] = [("kind", error.kind.rawValue)]
        if let failure = error.failure {
            fields.append(("attempt", String(failure.attempts)))
            if let status = failure.status { fields.append(("status", String(status))) }
            if let code = failure.curlCode { fields.append(("curl", String(code))) }
        }
        return fields
    }

    /// Logs the final failure and returns it for throwing.
    private func report(_ error: HTTPError, _ exchange: Exchange) -> HTTPError {
        log.emit(.warning, "http.failed", commonFields(exchange) + failureFields(error) + [("error", String(describing: error))])
        return error
    }
}
