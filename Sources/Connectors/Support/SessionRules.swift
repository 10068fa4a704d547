import SyncHTTP

/// What one dialect says about its responses: where the quota is reported, which
/// failure means "your session is over", and which failures mean something special.
struct SessionRules: Sendable {
    /// The quota reading in a response's headers, if the dialect reports one.
    var quota: @Sendable (HTTPHeaders) -> QuotaReading?
    /// True when a fresh token may cure the failure (Salesforce 401 `INVALID_SESSION_ID`).
    var sessionExpired: @Sendable (HTTPFailure) -> Bool
    /// A dialect's own reading of a failure (e.g. a daily-limit 429 is a quota error);
    /// nil leaves it to the common mapping.
    var classify: @Sendable (_ failure: HTTPFailure, _ remote: String, _ endpoint: String) -> ConnectorError?

    init(
        quota: @escaping @Sendable (HTTPHeaders) -> QuotaReading? = { _ in nil },
        sessionExpired: @escaping @Sendable (HTTPFailure) -> Bool = { $0.status == 401 },
        classify: @escaping @Sendable (HTTPFailure, String, String) -> ConnectorError? = { _, _, _ in nil }
    ) {
        self.quota = quota
        self.sessionExpired = sessionExpired
        self.classify = classify
    }
}
