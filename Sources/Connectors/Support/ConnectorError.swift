import SyncHTTP

/// Every way a connector call can fail, for every dialect in this module. Closed, so the
/// engine decides per case: retry next cycle, stop the mapping until the quota resets, or
/// ask an operator to fix credentials or config. No case carries a secret: HTTP details
/// come from SyncHTTP already redacted, and connectors never put tokens in messages.
public enum ConnectorError: Error, Sendable, Equatable {
    /// A credential the connector needs is not in the credential source
    /// (`$CREDENTIALS_DIRECTORY/<name>` for the daemon).
    case missingCredential(remote: String, name: String)
    /// The OAuth token endpoint refused to issue a token (`invalid_client`,
    /// `invalid_grant`, …): the client id, secret or refresh token is wrong or revoked.
    case tokenRefused(remote: String, status: Int?, code: String?, message: String)
    /// The remote still refused the session after a fresh token was minted, or refused a
    /// static key that cannot be refreshed.
    case authenticationFailed(remote: String, code: String?, message: String)
    /// The remote's request allocation is spent (Salesforce 403 `REQUEST_LIMIT_EXCEEDED`,
    /// HubSpot daily limit) or the remaining quota fell below the reserve kept for other
    /// integrations. Not worth retrying this cycle.
    case quotaExhausted(remote: String, used: Int?, limit: Int?, message: String)
    /// The remote kept answering 429 after SyncHTTP's retries, or asked for a longer
    /// wait than the retry policy allows.
    case rateLimited(remote: String, retryAfter: Duration?, message: String)
    /// The remote refused the request itself (400/404/409/422…): a bad query, an unknown
    /// object or field. `message` is the remote's text, verbatim.
    case rejected(remote: String, endpoint: String, status: Int, code: String?, message: String)
    /// The response did not have the shape the API documents.
    case malformedResponse(remote: String, endpoint: String, reason: String)
    /// Paging made no progress (the same next marker twice, or more records at one
    /// timestamp than a search window can hold).
    case pagingStalled(remote: String, endpoint: String, detail: String)
    /// The connector refused to build a request: a field name that is not an identifier,
    /// a write without the id it needs.
    case invalidRequest(remote: String, reason: String)
    /// The connector's settings are unusable (a client whose redaction would leak SOQL).
    case invalidConfiguration(remote: String, reason: String)
    /// Any other HTTP failure (connect, TLS, timeout, 5xx after retries, cancellation).
    case transport(HTTPError)

    /// A bounded label, safe as a metric dimension.
    public enum Kind: String, Sendable, CaseIterable {
        case missingCredential, tokenRefused, authenticationFailed, quotaExhausted, rateLimited
        case rejected, malformedResponse, pagingStalled, invalidRequest, invalidConfiguration, transport
    }

    public var kind: Kind {
        switch self {
        case .missingCredential: .missingCredential
        case .tokenRefused: .tokenRefused
        case .authenticationFailed: .authenticationFailed
        case .quotaExhausted: .quotaExhausted
        case .rateLimited: .rateLimited
        case .rejected: .rejected
        case .malformedResponse: .malformedResponse
        case .pagingStalled: .pagingStalled
        case .invalidRequest: .invalidRequest
        case .invalidConfiguration: .invalidConfiguration
        case .transport: .transport
        }
    }

    /// Whether the same call may succeed in a later cycle without anyone changing
    /// anything: throttling, outages, timeouts. Quota exhaustion is not (it waits for the
    /// daily reset); credentials, config and rejected requests need a person.
    public var retryableLater: Bool {
        switch self {
        case .rateLimited, .malformedResponse: true
        case .transport(let error):
            switch error.kind {
            case .connect, .timeout, .transport, .status, .tooLarge: true
            case .tls, .cancelled, .invalidRequest, .invalidConfiguration, .curl, .dailyBudget: false
            }
        case .missingCredential, .tokenRefused, .authenticationFailed, .quotaExhausted, .rejected,
            .pagingStalled, .invalidRequest, .invalidConfiguration:
            false
        }
    }

    /// The remote's configured name.
    public var remote: String {
        switch self {
        case .missingCredential(let remote, _), .tokenRefused(let remote, _, _, _),
            .authenticationFailed(let remote, _, _), .quotaExhausted(let remote, _, _, _),
            .rateLimited(let remote, _, _), .rejected(let remote, _, _, _, _),
            .malformedResponse(let remote, _, _), .pagingStalled(let remote, _, _),
            .invalidRequest(let remote, _), .invalidConfiguration(let remote, _):
            remote
        case .transport(let error):
            error.failure?.remote ?? ""
        }
    }
}
