import Glibc

/// Calendar time in seconds since the epoch, only for values people read
/// (metrics timestamps, status lines); all timing decisions use `MonotonicClock`.
public struct WallClock: Sendable {
    public let now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) { self.now = now }

    public static let system = WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
