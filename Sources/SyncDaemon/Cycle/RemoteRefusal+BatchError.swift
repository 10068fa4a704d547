import Connectors
import SyncStore

extension RemoteRefusal {
    /// The remote's error for a whole write batch that failed (after SyncHTTP's retries),
    /// as the outcome of each of its writes carries it once they are looked up: the
    /// connector's text, which holds the remote's answer verbatim. SyncHTTP has already
    /// scrubbed credentials from it (`SecretScrubber`), as for the log line.
    init(batchError error: any Error) {
        guard let error = error as? ConnectorError else {
            self.init(code: "BATCH_FAILED", message: "the write batch failed: \(error)")
            return
        }
        let status: Int?
        let code: String
        switch error {
        case let .rejected(_, _, rejectedStatus, remoteCode, _):
            status = rejectedStatus
            code = remoteCode ?? "REJECTED"
        case let .transport(http):
            status = http.status
            code = "TRANSPORT"
        case .rateLimited:
            status = 429
            code = "RATE_LIMITED"
        case .quotaExhausted:
            status = nil
            code = "QUOTA_EXHAUSTED"
        case .authenticationFailed, .tokenRefused, .missingCredential:
            status = nil
            code = "AUTHENTICATION_FAILED"
        case .malformedResponse:
            status = nil
            code = "MALFORMED_RESPONSE"
        case .pagingStalled, .invalidRequest, .invalidConfiguration:
            status = nil
            code = error.kind.rawValue
        }
        self.init(httpStatus: status, code: code, message: "the write batch failed: \(error)")
    }
}
