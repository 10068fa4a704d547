import Glibc

/// Where the runtime reads the time. Production reads `CLOCK_MONOTONIC`;
/// tests can pass a closure they control.
public struct MonotonicClock: Sendable {
    public let now: @Sendable () -> MonotonicInstant

    public init(now: @escaping @Sendable () -> MonotonicInstant) { self.now = now }

    public static let system = MonotonicClock {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }
}
