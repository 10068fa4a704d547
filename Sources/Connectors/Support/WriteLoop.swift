import SyncCore

/// Sends a write batch as consecutive calls — one record each (Impartner, PartnerStack and
/// most REST APIs have no batch endpoint) or many (sObject Collections, HubSpot batch) —
/// and never loses an outcome already known.
///
/// A refusal of a call's records (validation, duplicate, a call refused as a whole, a write
/// that cannot be sent) fails those records and the loop goes on. A spent quota (the
/// vendor's daily allocation, the configured `requestBudget.perDay`, the quota reserve) is
/// known not to have applied anything: every write not yet answered fails retryably with
/// `QUOTA_EXHAUSTED`, never a throw, so the journal says why they wait. A failure of the remote
/// itself (authentication, throttling after retries, quota, an outage, an unreadable answer
/// to a batch) stops the loop: if nothing was applied yet, the error is thrown — no outcome
/// is known, which is true; otherwise the outcomes so far are kept and the rest fail
/// retryably with a code saying what happened:
///
/// | code | meaning |
/// |---|---|
/// | `NOT_SENT` | never sent; safe to send again (after a quota stop, the writes never sent carry `QUOTA_EXHAUSTED` instead) |
/// | `OUTCOME_UNKNOWN` | a create that may have reached the remote: look it up by external id before sending it again |
/// | `AUTHENTICATION_FAILED`, `RATE_LIMITED`, `QUOTA_EXHAUSTED`, `TRANSPORT`, `CREDENTIALS` | the remote refused or failed this call; it was not applied (or, for updates and deletes, repeating it is harmless) |
///
/// Why keep them instead of throwing: a throw makes the engine look every write of the
/// batch up again, and on APIs with no field for the other side's id it cannot find the
/// ones already applied — it would create them twice.
enum WriteLoop {
    static let notSent = "NOT_SENT"
    static let outcomeUnknown = "OUTCOME_UNKNOWN"

    /// One call: what to do (the dialect's operation) and the writes it carries.
    struct Call<Operation> {
        var operation: Operation
        var writes: ArraySlice<RecordWrite>
    }

    /// One request per record: `send` writes one and returns its result, or throws.
    /// - Parameter createsLookedUp: the engine can find a create by its external id (the
    ///   batch has an `externalIdField`), so an unreadable answer to one leaves it unknown
    ///   instead of failing it.
    static func run(
        _ writes: [RecordWrite], createsLookedUp: Bool = true, send: (RecordWrite) throws(ConnectorError) -> WriteOutcome.Result
    ) throws(ConnectorError) -> [WriteOutcome] {
        let calls = writes.indices.map { Call(operation: (), writes: writes[$0...$0]) }
        return try run(calls, createsLookedUp: createsLookedUp) { (call) throws(ConnectorError) -> [WriteOutcome] in
            guard let write = call.writes.first else { return [] }
            return [WriteOutcome(key: write.key, result: try send(write))]
        }
    }

    /// `send` makes one call and returns an outcome per write it carries, or throws.
    static func run<Operation>(
        _ calls: [Call<Operation>], createsLookedUp: Bool = true, send: (Call<Operation>) throws(ConnectorError) -> [WriteOutcome]
    ) throws(ConnectorError) -> [WriteOutcome] {
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(calls.reduce(0) { $0 + $1.writes.count })
        var applied = false
        for (index, call) in calls.enumerated() {
            do {
                let answered = try send(call)
                applied = applied || answered.contains { if case .applied = $0.result { true } else { false } }
                outcomes += answered
            } catch {
                if let failure = recordFailure(error, writes: call.writes, createsLookedUp: createsLookedUp) {
                    outcomes += call.writes.map { WriteOutcome(key: $0.key, result: .failed(failure)) }
                    continue
                }
                if case .quotaExhausted = error {} else if !applied { throw error }
                outcomes += call.writes.map { WriteOutcome(key: $0.key, result: .failed(stopFailure(error, for: $0))) }
                outcomes += calls[(index + 1)...].flatMap(\.writes).map { WriteOutcome(key: $0.key, result: .failed(unsent(error))) }
                return outcomes
            }
        }
        return outcomes
    }

    /// Errors about this call's records only: the loop goes on. An unreadable answer is
    /// about one record when the call carried one; but for a batch, or a create the engine
    /// can look up, what it applied is unknown (the create may exist: looked up, not resent).
    private static func recordFailure(_ error: ConnectorError, writes: ArraySlice<RecordWrite>,
                                      createsLookedUp: Bool) -> RemoteFailure? {
        switch error {
        case .rejected(_, _, let status, let code, let message):
            return RemoteFailure(status: status, code: code, message: message, retryable: WriteAnswer.isRetryable(status))
        case .invalidRequest:
            return RemoteFailure(status: nil, code: error.kind.rawValue, message: error.description, retryable: false)
        case .malformedResponse where writes.count == 1 && !(createsLookedUp && writes.first?.operation == .create):
            return RemoteFailure(status: nil, code: error.kind.rawValue, message: error.description, retryable: false)
        default:
            return nil
        }
    }

    /// The failure of a write never sent because an earlier call stopped the loop: the
    /// quota code when a spent quota is why (so it waits for the allocation), else
    /// `NOT_SENT`.
    private static func unsent(_ error: ConnectorError) -> RemoteFailure {
        switch error {
        case .quotaExhausted:
            var failure = stopFailure(error, for: RecordWrite(key: "", operation: .update))
            failure.message = "not sent: \(error)"
            return failure
        default:
            return RemoteFailure(status: nil, code: notSent, message: "not sent: an earlier call of this batch failed (\(error))",
                                 retryable: true)
        }
    }

    /// The failure recorded for a write of the call that stopped the loop.
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
        case .malformedResponse:
            // A batch answered unreadably: it reached the remote, and may have applied.
            let unknown = write.operation == .create
            return RemoteFailure(status: nil, code: unknown ? outcomeUnknown : error.kind.rawValue, message: message,
                                 retryable: true)
        default:
            return RemoteFailure(status: nil, code: error.kind.rawValue, message: message, retryable: true)
        }
    }
}
