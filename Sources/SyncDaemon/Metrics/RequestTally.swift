import Synchronization
import SyncHTTP

/// Every HTTP attempt per remote by its answer: the status code (`"200"`, `"429"`) or
/// `"error"` when no answer came (connect failure, timeout, broken connection). Fed by the
/// HTTP clients' log events (`log`), which fire once per attempt, retries included, so a
/// 503 that a retry cleared is counted as a 503 and a 200.
///
/// Shared by every connector of the daemon. Each cycle takes what was counted since the
/// previous take (`takeNew`), whichever mapping made the requests, so the runtime's
/// per-remote totals are exact even when cycles of two mappings overlap.
public final class RequestTally: Sendable {
    private struct Counts {
        var pending: [String: [String: Int]] = [:]
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// The HTTP log to give the connectors' clients: counts, and keeps nothing else.
    public var log: HTTPLog {
        HTTPLog(minimumLevel: .debug, includesURL: false) { [self] event in
            guard let remote = event.field("remote"), let answer = Self.answer(event) else { return }
            counts.withLock { $0.pending[remote, default: [:]][answer, default: 0] += 1 }
        }
    }

    /// Counts since the last call, by remote and answer; the counts start again from zero.
    public func takeNew() -> [String: [String: Int]] {
        counts.withLock { counts in
            defer { counts.pending = [:] }
            return counts.pending
        }
    }

    /// `http.response` (an accepted answer), `http.retry` and `http.failed` (an attempt
    /// that failed) each stand for one attempt; a failure before anything was sent
    /// (`attempt=0`: an invalid request) is no request.
    static func answer(_ event: HTTPLogEvent) -> String? {
        switch event.name {
        case "http.response", "http.retry", "http.failed":
            if event.name == "http.failed", event.field("attempt") == "0" { return nil }
            if let status = event.field("status"), let code = Int(status), (100...599).contains(code) { return status }
            return "error"
        default:
            return nil
        }
    }
}
