import SyncCore

/// Something going wrong on purpose, queued per route with `SandboxStore.inject`.
public enum SandboxFault: Sendable, Hashable {
    /// Answer with this status and the dialect's error body instead of serving the
    /// request (429 carries `Retry-After` when given).
    case status(Int, retryAfter: String? = nil)
    /// Serve normally, but only after this many milliseconds (the server waits).
    case delay(milliseconds: Int)
    /// Carry out the request (writes commit), then close the connection without an answer.
    case dropConnection
    /// Serve normally, but cut the JSON body short so it does not parse.
    case malformedJSON
    /// Carry out the request (writes commit), send the status line, the headers (with the
    /// full `Content-Length`) and half the body, then close: a connection reset mid-response.
    case cutMidBody
    /// Carry out the request (writes commit), but answer with a valid JSON document that
    /// has none of the fields the endpoint documents (`{"unexpected":true}`), same status.
    case wrongShape
    /// On a batch write, fail the selected inputs with the dialect's per-record error
    /// (Salesforce `UNABLE_TO_LOCK_ROW`, HubSpot 207 `errors[]`); the rest succeed.
    case partialBatchFailure(BatchFailureSelector)
    /// Invalidate every access token issued so far (OAuth dialects must mint a new one);
    /// for static API keys this request fails authentication.
    case expireTokens
    /// Before serving, commit a record whose modification time is older than the newest
    /// one this object has already served: the race a "since" cursor misses.
    case lateCommit(LateCommit)
    /// Before serving, purge the delete log up to `before` (now when nil): soft-deleted
    /// records deleted earlier vanish and `earliestDateAvailable` moves forward.
    case purgeDeleteLog(object: String, before: Int64? = nil)
}
