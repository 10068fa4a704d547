import Foundation

/// Every way a request can fail. Closed, so callers can decide per case (retry later,
/// dead-letter, refresh a token); each case carries an `HTTPFailure` that names the remote,
/// method, redacted URL, status, curl code and curl's message — and never a secret.
public enum HTTPError: Error, Sendable, Equatable {
    /// DNS, connection refused or unreachable, proxy connect. The request was never sent.
    case connect(HTTPFailure)
    /// TLS handshake or certificate failure. Verification is always on.
    case tls(HTTPFailure)
    /// The connect, total or low-speed timeout fired.
    case timeout(HTTPFailure)
    /// The connection broke: reset, closed mid-body, nothing received, HTTP/2 stream error.
    case transport(HTTPFailure)
    /// The server answered with a status the request does not accept.
    case status(HTTPFailure)
    /// The response body passed the remote's `maxResponseBytes`; the transfer was stopped.
    case responseTooLarge(HTTPFailure, limit: Int)
    /// The client was cancelled (daemon shutdown) before or during the request.
    case cancelled(HTTPFailure)
    /// The request could not be sent as described: bad URL, header with a line break, a GET
    /// with a body, a body that would not encode.
    case invalidRequest(HTTPFailure, reason: String)
    /// The remote's settings are unusable (a zero timeout, a negative rate).
    case invalidConfiguration(remote: String, reason: String)
    /// Any other libcurl failure (out of memory, curl could not start).
    case curl(HTTPFailure)
    /// The remote's `perDay` requests are spent for this UTC day: nothing was sent.
    case dailyBudgetExhausted(HTTPFailure, perDay: Int, resetsAt: Date)

    /// A bounded label, safe as a metric dimension.
    public enum Kind: String, Sendable, CaseIterable {
        case connect, tls, timeout, transport, status, tooLarge, cancelled, invalidRequest
        case invalidConfiguration, curl, dailyBudget
    }

    public var kind: Kind {
        switch self {
        case .connect: .connect
        case .tls: .tls
        case .timeout: .timeout
        case .transport: .transport
        case .status: .status
        case .responseTooLarge: .tooLarge
        case .cancelled: .cancelled
        case .invalidRequest: .invalidRequest
        case .invalidConfiguration: .invalidConfiguration
        case .curl: .curl
        case .dailyBudgetExhausted: .dailyBudget
        }
    }

    /// The redacted details; nil only for `invalidConfiguration`.
    public var failure: HTTPFailure? {
        switch self {
        case .connect(let f), .tls(let f), .timeout(let f), .transport(let f), .status(let f),
            .responseTooLarge(let f, _), .cancelled(let f), .invalidRequest(let f, _), .curl(let f),
            .dailyBudgetExhausted(let f, _, _):
            f
        case .invalidConfiguration:
            nil
        }
    }

    /// The HTTP status, for `.status` errors.
    public var status: Int? { failure?.status }

    func withFailure(_ transform: (inout HTTPFailure) -> Void) -> HTTPError {
        switch self {
        case .connect(var f): transform(&f); return .connect(f)
        case .tls(var f): transform(&f); return .tls(f)
        case .timeout(var f): transform(&f); return .timeout(f)
        case .transport(var f): transform(&f); return .transport(f)
        case .status(var f): transform(&f); return .status(f)
        case .responseTooLarge(var f, let limit): transform(&f); return .responseTooLarge(f, limit: limit)
        case .cancelled(var f): transform(&f); return .cancelled(f)
        case .invalidRequest(var f, let reason): transform(&f); return .invalidRequest(f, reason: reason)
        case .curl(var f): transform(&f); return .curl(f)
        case .dailyBudgetExhausted(var f, let perDay, let resetsAt):
            transform(&f); return .dailyBudgetExhausted(f, perDay: perDay, resetsAt: resetsAt)
        case .invalidConfiguration: return self
        }
    }
}
