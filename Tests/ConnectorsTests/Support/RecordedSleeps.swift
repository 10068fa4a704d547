import Foundation
import Synchronization
import SyncHTTP

/// An HTTP environment whose sleeps are recorded instead of waited, so retry tests do
/// not sleep.
final class RecordedSleeps: Sendable {
    private let sleeps = Mutex<[Duration]>([])
    private let origin = ContinuousClock.now

    var all: [Duration] { sleeps.withLock { $0 } }

    var environment: HTTPEnvironment {
        HTTPEnvironment(
            monotonicNow: { self.origin.duration(to: .now) + self.sleeps.withLock { $0.reduce(.zero, +) } },
            wallClock: { Date() },
            sleep: { duration, _ in self.sleeps.withLock { $0.append(duration) } },
            random: { 0.5 })
    }
}
