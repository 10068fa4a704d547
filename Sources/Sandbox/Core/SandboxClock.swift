import Foundation
import Synchronization

/// The sandbox's notion of "now", in epoch milliseconds. Every modification time, token
/// expiry and delete-log date is read from here, so tests decide what time it is.
public struct SandboxClock: Sendable {
    private let read: @Sendable () -> Int64

    public init(_ now: @escaping @Sendable () -> Int64) {
        read = now
    }

    public func now() -> Int64 { read() }

    /// Wall-clock time, for `channelsync sandbox` and benchmarks.
    public static let system = SandboxClock {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Time that moves only when the test says so.
    public static func manual(_ clock: ManualClock) -> SandboxClock {
        SandboxClock { clock.now() }
    }
}

/// A clock tests move by hand. Writes still get strictly increasing stamps (the store
/// adds 1 ms per write when the clock stands still), so runs are deterministic.
public final class ManualClock: Sendable {
    /// 2024-01-01T00:00:00Z: a fixed, readable starting point.
    public static let defaultStart: Int64 = 1_704_067_200_000

    private let milliseconds: Mutex<Int64>

    public init(startingAt start: Int64 = ManualClock.defaultStart) {
        milliseconds = Mutex(start)
    }

    public func now() -> Int64 { milliseconds.withLock { $0 } }

    /// Moves time forward (a negative amount is ignored: time never runs back).
    public func advance(by amount: Int64) {
        milliseconds.withLock { $0 += max(0, amount) }
    }

    /// Sets the time; earlier than now is ignored.
    public func set(_ value: Int64) {
        milliseconds.withLock { $0 = max($0, value) }
    }
}
