import Sandbox

/// One row of the fault matrix: what goes wrong, on which routes of the remote under
/// test, for how many requests, and what the journal must then say.
///
/// SyncHTTP makes 5 attempts per request, so a fault queued for 6 requests outlasts the
/// retries of the first request (the cycle fails and is journaled) and is absorbed by
/// the retries of the next one.
///
/// Combinations left out, and why:
/// - quota exhausted (`REQUEST_LIMIT_EXCEEDED`, 403) is Salesforce-only here: the HubSpot
///   daily limit is a sandbox setting, not a per-request fault (its 429 answer is the
///   ten-secondly policy); Impartner, PartnerStack and generic REST have no quota
///   answer of their own; Pipedrive and Zoho credit limits are not modelled.
/// - a partial batch failure needs per-record results in one answer: Salesforce
///   collections, HubSpot batch and Zoho upsert; the one-request-per-record dialects
///   fail a whole request instead, which the status rows cover.
/// - a purged delete log applies to Salesforce (`getDeleted`); Dataverse's expired delta
///   token (410) is covered by `DataverseTests` (Dataverse is not a matrix target).
struct FaultCase: Sendable, CustomStringConvertible {
    enum Route: Sendable {
        /// Every route of the remote (`*`): the token request, pulls and writes.
        case every
        /// The remote's create route only (`FaultTarget.writeRoute`).
        case writes
    }

    enum Expectation: Sendable {
        /// The remote's own error text for this injected status must be journaled.
        case remoteText(Int)
        /// This text must be journaled (transport failures: SyncHTTP's own words).
        case text(String)
        /// Some failure must be journaled (its wording is the connector's).
        case anyFailure
        /// The fault may be absorbed (retried, refreshed, looked up): only convergence counts.
        case absorbed
    }

    enum Kind: Sendable {
        case fault(SandboxFault)
        /// The remote's address refuses connections for the first two cycles.
        case connectionRefused
        /// After a first synced cycle, a record (the side's `late` deal) commits on the
        /// remote with a modification time older than the newest one already served.
        case lateCommit
        /// After a first synced cycle, the seeded CRM record is deleted and the delete log
        /// purged past it (Salesforce `getDeleted` answers `INVALID_REPLICATION_DATE`): only
        /// a complete scan can find the delete.
        case purgedDeleteLog
    }

    var label: String
    var kind: Kind
    var route: Route = .every
    var times = 6
    var expectation: Expectation
    /// Targets this case does not apply to are skipped (see above).
    var only: Set<String>?

    var description: String { label }

    /// Real defects the matrix found and that are not fixed on this branch, by target label.
    /// The test expects them (`withKnownIssue`): once fixed, the test fails until the entry goes.
    var knownIssues: [String: String] = [:]

    func applies(to target: FaultTarget) -> Bool {
        if let only, !only.contains(target.label) { return false }
        if case .fault(.partialBatchFailure) = kind { return target.perRecordResults }
        return true
    }

    /// What the journal must say for `target`.
    func expectation(for target: FaultTarget) -> Expectation {
        if case .fault(.expireTokens) = kind {
            if target.refreshesTokens { return .absorbed }
            return .remoteText(target.messages[401] != nil ? 401 : 403)
        }
        return expectation
    }

    /// How long a stalled answer waits, and the total timeout of the remote under test.
    static let stallMilliseconds = 1_500
    static let stallTimeoutMilliseconds: Int64 = 500

    static let all: [FaultCase] = [
        FaultCase(label: "429 with Retry-After", kind: .fault(.status(429, retryAfter: "1")), expectation: .remoteText(429)),
        FaultCase(label: "429 without Retry-After", kind: .fault(.status(429)), expectation: .remoteText(429)),
        FaultCase(label: "429 asking longer than the policy waits", kind: .fault(.status(429, retryAfter: "3600")),
                  times: 2, expectation: .remoteText(429)),
        FaultCase(label: "500", kind: .fault(.status(500)), expectation: .remoteText(500)),
        FaultCase(label: "502", kind: .fault(.status(502)), expectation: .remoteText(502)),
        FaultCase(label: "503", kind: .fault(.status(503)), expectation: .remoteText(503)),
        FaultCase(label: "504", kind: .fault(.status(504)), expectation: .remoteText(504)),
        FaultCase(label: "500 on writes", kind: .fault(.status(500)), route: .writes, expectation: .remoteText(500)),
        FaultCase(label: "connection refused", kind: .connectionRefused, expectation: .text("could not connect")),
        FaultCase(label: "connection reset mid-response", kind: .fault(.cutMidBody), expectation: .anyFailure),
        FaultCase(label: "answer lost after a write", kind: .fault(.dropConnection), route: .writes, times: 1,
                  expectation: .absorbed),
        FaultCase(label: "stalled past the timeout", kind: .fault(.delay(milliseconds: stallMilliseconds)), times: 5,
                  expectation: .text("timed out")),
        FaultCase(label: "truncated JSON", kind: .fault(.malformedJSON), expectation: .anyFailure),
        FaultCase(label: "JSON of the wrong shape", kind: .fault(.wrongShape), expectation: .anyFailure),
        FaultCase(label: "JSON of the wrong shape after a write", kind: .fault(.wrongShape), route: .writes, times: 1,
                  expectation: .absorbed),
        FaultCase(label: "partial batch failure", kind: .fault(.partialBatchFailure(.everyKth(1))), route: .writes,
                  times: 1, expectation: .anyFailure),
        FaultCase(label: "token expiry", kind: .fault(.expireTokens), times: 1, expectation: .absorbed),
        FaultCase(label: "quota exhausted", kind: .fault(.status(403)), expectation: .remoteText(403),
                  only: ["salesforce"]),
        FaultCase(label: "late commit with an old modification time", kind: .lateCommit, times: 1, expectation: .absorbed),
        FaultCase(label: "purged delete log", kind: .purgedDeleteLog, times: 1, expectation: .absorbed,
                  only: ["salesforce"]),
    ]
}
