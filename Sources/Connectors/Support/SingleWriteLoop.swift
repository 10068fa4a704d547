/// Sends a batch one request per record (Impartner, PartnerStack and most REST APIs have
/// no batch endpoint) and keeps every known outcome.
///
/// A refusal of one record (validation, duplicate) fails that record and the loop goes on.
/// A failure of the remote itself (authentication, throttling after retries, quota, an
/// outage) stops the loop: if nothing was applied yet, the error is thrown — no outcome is
/// known, which is true; otherwise the outcomes so far are kept and the rest fail retryably
/// with a code saying what happened:
///
/// | code | meaning |
/// |---|---|
/// | `NOT_SENT` | never sent; safe to send again |
/// | `OUTCOME_UNKNOWN` | a create that may have reached the remote: look it up by external id before sending it again |
/// | `AUTHENTICATION_FAILED`, `RATE_LIMITED`, `QUOTA_EXHAUSTED`, `TRANSPORT`, `CREDENTIALS` | the remote refused or failed this request; it was not applied (or, for updates and deletes, repeating it is harmless) |
///
/// Why not `ChunkedWrite`: there a failed call carries many writes whose fate is unknown,
/// so anything but a quota stop is thrown. Here only the write in flight is unknown; the
/// others' outcomes are kept, because a throw would make the engine look them up again —
/// and on APIs with no field for the other side's id it cannot find them, and would create
/// them twice.
enum SingleWriteLoop {
    static let notSent = "NOT_SENT"
    static let outcomeUnknown = "OUTCOME_UNKNOWN"

    /// `send` writes one record and returns its result, or throws a `ConnectorError`.
    static func run(
        _ writes: [RecordWrite], send: (RecordWrite) throws(ConnectorError) -> WriteOutcome.Result
    ) throws(ConnectorError) -> [WriteOutcome] {
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(writes.count)
        var applied = false
        for (index, write) in writes.enumerated() {
            do {
                let result = try send(write)
                if case .applied = result { applied = true }
                outcomes.append(WriteOutcome(key: write.key, result: result))
            } catch {
                if let failure = recordFailure(error) {
                    outcomes.append(WriteOutcome(key: write.key, result: .failed(failure)))
                    continue
                }
                guard applied else { throw error }
                outcomes.append(WriteOutcome(key: write.key, result: .failed(stopFailure(error, for: write))))
                let rest = "not sent: an earlier write of this batch failed (\(error))"
                for later in writes[(index + 1)...] {
                    outcomes.append(WriteOutcome(key: later.key, result: .failed(
                        RemoteFailure(status: nil, code: notSent, message: rest, retryable: true))))
                }
                return outcomes
            }
        }
        return outcomes
    }

    /// Errors about this one record only: the loop goes on.
    private static func recordFailure(_ error: ConnectorError) -> RemoteFailure? {
        switch error {
        case .rejected(_, _, let status, let code, let message):
            return RemoteFailure(status: status, code: code, message: message, retryable: WriteAnswer.isRetryable(status))
        case .malformedResponse, .invalidRequest:
            return RemoteFailure(status: nil, code: error.kind.rawValue, message: error.description, retryable: false)
        default:
            return nil
        }
    }

    /// The failure recorded for the write that stopped the loop.
    private static func stopFailure(_ error: ConnectorError, for write: RecordWrite) -> RemoteFailure {
        let message = error.description
        switch error {
        case .authenticationFailed:
            return RemoteFailure(status: nil, code: "AUTHENTICATION_FAILED", message: message, retryable: true)
        case .rateLimited:
            return RemoteFailure(status: 429, code: "RATE_LIMITED", message: message, retryable: true)
        case .quotaExhausted:
            return RemoteFailure(status: nil, code: "QUOTA_EXHAUSTED", message: message, retryable: true)
        case .missingCredential, .tokenRefused, .invalidConfiguration:
            return RemoteFailure(status: nil, code: "CREDENTIALS", message: message, retryable: true)
        case .transport(let http):
            // Only a create is unsafe to repeat; a connect failure never reached the remote.
            let unknown = write.operation == .create && http.kind != .connect
            return RemoteFailure(status: http.status, code: unknown ? outcomeUnknown : "TRANSPORT", message: message,
                                 retryable: true)
        default:
            return RemoteFailure(status: nil, code: error.kind.rawValue, message: message, retryable: true)
        }
    }
}
