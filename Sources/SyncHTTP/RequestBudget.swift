import Foundation
import Synchronization

/// The token bucket shared by every user of one remote, so all mappings that talk to the same
/// Salesforce org together stay under its quota. Waiting callers reserve their token before
/// sleeping, so they are served in arrival order and the rate holds under contention.
public final class RequestBudget: Sendable {
    public let limit: RateLimit
    private let environment: HTTPEnvironment

    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private let bucket: Mutex<Bucket>

    /// Requests spent in one UTC day (days since 1970-01-01).
    private struct Day {
        var number: Int64
        var spent: Int
    }

    private let day: Mutex<Day>

    /// The bucket starts full. Throws when `limit` is unusable.
    public init(_ limit: RateLimit, environment: HTTPEnvironment = .live) throws(HTTPError) {
        if let problem = limit.problem {
            throw HTTPError.invalidConfiguration(remote: "", reason: problem)
        }
        self.limit = limit
        self.environment = environment
        self.bucket = Mutex(Bucket(tokens: Double(limit.burst), updated: environment.monotonicNow()))
        self.day = Mutex(Day(number: Self.dayNumber(environment.wallClock()), spent: 0))
    }

    /// Spends one request of the current UTC day's `perDay`. False when the day's requests
    /// are spent: nothing may be sent to the remote until the next UTC day. Without a
    /// `perDay` always true.
    public func spendFromDay() -> Bool {
        guard let perDay = limit.perDay else { return true }
        let today = Self.dayNumber(environment.wallClock())
        return day.withLock { day in
            if day.number != today { day = Day(number: today, spent: 0) }
            guard day.spent < perDay else { return false }
            day.spent += 1
            return true
        }
    }

    /// Requests spent today (by the wall clock), for status and tests.
    public var spentToday: Int {
        let today = Self.dayNumber(environment.wallClock())
        return day.withLock { $0.number == today ? $0.spent : 0 }
    }

    /// The start of the next UTC day: when a spent `perDay` is available again.
    public var nextDay: Date {
        Date(timeIntervalSince1970: Double((Self.dayNumber(environment.wallClock()) + 1) * 86_400))
    }

    private static func dayNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// Takes one token, waiting for it if the bucket is empty. Returns how long it waited, or
    /// nil when cancelled while waiting (the token is then given back).
    @discardableResult
    public func acquire(cancellation: HTTPCancellation) -> Duration? {
        let wait = bucket.withLock { bucket -> Duration in
            let now = environment.monotonicNow()
            let elapsed = (now - bucket.updated).inSeconds
            if elapsed > 0 {
                bucket.tokens = min(Double(limit.burst), bucket.tokens + elapsed * limit.requestsPerSecond)
                bucket.updated = now
            }
            bucket.tokens -= 1
            return bucket.tokens >= 0 ? .zero : .seconds(-bucket.tokens / limit.requestsPerSecond)
        }
        guard wait > .zero else { return .zero }
        environment.sleep(wait, cancellation)
        if cancellation.isCancelled {
            bucket.withLock { $0.tokens += 1 }
            return nil
        }
        return wait
    }
}
