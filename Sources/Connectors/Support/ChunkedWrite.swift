import SyncCore

/// Sends a write batch as consecutive calls and keeps what is known when the remote's
/// allocation runs out part-way: the calls already answered keep their outcomes, the
/// writes never sent fail retryable with the quota or throttling error. Any other error
/// (a timeout: a call may or may not have applied) is thrown, as `Connector.write`
/// requires.
enum ChunkedWrite {
    /// One call: what to do (the dialect's operation) and the writes it carries.
    struct Call<Operation> {
        var operation: Operation
        var writes: ArraySlice<RecordWrite>
    }

    static func run<Operation>(
        _ calls: [Call<Operation>], send: (Call<Operation>) throws(ConnectorError) -> [WriteOutcome]
    ) throws(ConnectorError) -> [WriteOutcome] {
        var outcomes: [WriteOutcome] = []
        for (index, call) in calls.enumerated() {
            do {
                outcomes += try send(call)
            } catch {
                let code: String
                switch error {
                case .quotaExhausted: code = "QUOTA_EXHAUSTED"
                case .rateLimited: code = "RATE_LIMITED"
                default: throw error
                }
                guard !outcomes.isEmpty else { throw error }
                let failure = RemoteFailure(status: nil, code: code, message: error.description, retryable: true)
                for unsent in calls[index...].flatMap(\.writes) {
                    outcomes.append(WriteOutcome(key: unsent.key, result: .failed(failure)))
                }
                return outcomes
            }
        }
        return outcomes
    }
}
