import Foundation
import Synchronization

/// The demo's "now": wall-clock time plus an offset the story moves ahead, shared by
/// the sandbox systems (their modification times and token expiry) and the daemon's
/// cycles (lead-routing deadlines, registration expiry). A 48-hour SLA can then run
/// out in a one-minute demo without touching the shipped `acceptWithinHours`.
final class DemoClock: Sendable {
    private let offsetMillis = Mutex<Int64>(0)

    /// Epoch milliseconds.
    func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) + offsetMillis.withLock { $0 }
    }

    /// Moves "now" ahead for everyone at once (never back).
    func advance(hours: Int) {
        offsetMillis.withLock { $0 += Int64(max(0, hours)) * 3_600_000 }
    }
}
