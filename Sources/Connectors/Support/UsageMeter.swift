import Synchronization
import SyncHTTP

/// Counts one connector's requests and remembers the quota its remote last reported,
/// shared by every mapping using the connector. `requests` counts every attempt sent
/// (token requests and SyncHTTP's retries included); `throttled` counts calls that ended
/// in a 429 — a 429 that a retry cleared is only visible in `requests`.
final class UsageMeter: Sendable {
    private struct State {
        var usage = APIUsage()
        var readAt: Int64?
    }

    private let state = Mutex(State())
    let remote: String
    let reserve: QuotaReserve
    let clock: ConnectorClock

    init(remote: String, reserve: QuotaReserve, clock: ConnectorClock) {
        self.remote = remote
        self.reserve = reserve
        self.clock = clock
    }

    var snapshot: APIUsage { state.withLock { $0.usage } }

    /// Throws when the last fresh reading leaves less than the reserve.
    func admit() throws(ConnectorError) {
        let now = clock.now()
        let refused: APIUsage? = state.withLock { state in
            guard let used = state.usage.quotaUsed, let limit = state.usage.quotaLimit, let readAt = state.readAt,
                now - readAt < reserve.readingLifetimeMillis
            else { return nil }
            return limit - used <= reserve.reserved(of: limit) && limit > 0 ? state.usage : nil
        }
        if let refused, let used = refused.quotaUsed, let limit = refused.quotaLimit {
            throw .quotaExhausted(
                remote: remote, used: used, limit: limit,
                message: "\(max(0, limit - used)) calls left, at or below the \(reserve.reserved(of: limit)) kept in reserve")
        }
    }

    /// Counts `attempts` requests sent.
    func count(attempts: Int, throttled: Bool = false) {
        state.withLock { state in
            state.usage.requests += max(0, attempts)
            if throttled { state.usage.throttled += 1 }
        }
    }

    func record(_ reading: QuotaReading) {
        let now = clock.now()
        state.withLock { state in
            state.usage.quotaUsed = reading.used
            state.usage.quotaLimit = reading.limit
            state.readAt = now
        }
    }
}
