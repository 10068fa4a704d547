import Foundation
import Synchronization
import SyncHTTP

/// Monotonic time for the HTTP layer that moves only when something sleeps: request
/// budgets and retry back-offs cost no real time, and the sleeps are counted.
final class VirtualTime: Sendable {
    private let elapsed = Mutex(Duration.zero)
    private let slept = Mutex(0)
    /// Wall-clock epoch milliseconds (day windows of request budgets follow it).
    private let wallMillis: @Sendable () -> Int64

    init(wallMillis: @escaping @Sendable () -> Int64 = { 1_704_067_200_000 }) {
        self.wallMillis = wallMillis
    }

    var environment: HTTPEnvironment {
        HTTPEnvironment(
            monotonicNow: { [self] in elapsed.withLock { $0 } },
            wallClock: { [wallMillis] in Date(timeIntervalSince1970: Double(wallMillis()) / 1000) },
            sleep: { [self] duration, _ in
                elapsed.withLock { $0 += duration }
                slept.withLock { $0 += 1 }
            },
            random: { 0.5 })
    }

    var sleeps: Int { slept.withLock { $0 } }
}
