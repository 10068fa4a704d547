/// A point on the system's monotonic clock (`CLOCK_MONOTONIC`), the clock
/// systemd itself uses for `MONOTONIC_USEC=` and watchdog deadlines. A plain
/// value so pure state machines can take `now` as an argument.
public struct MonotonicInstant: Sendable, Hashable, Comparable {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public var microseconds: UInt64 { nanoseconds / 1_000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Saturates at zero and at the far future instead of trapping.
    public static func + (lhs: Self, rhs: Duration) -> Self {
        let delta = rhs.nanoseconds
        if delta >= 0 {
            let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(UInt64(delta))
            return Self(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = UInt64(-delta)
        return Self(nanoseconds: lhs.nanoseconds > magnitude ? lhs.nanoseconds - magnitude : 0)
    }

    /// The signed time from `rhs` to `lhs`.
    public static func - (lhs: Self, rhs: Self) -> Duration {
        lhs >= rhs ? .nanoseconds(Int64(clamping: lhs.nanoseconds - rhs.nanoseconds))
                   : .nanoseconds(-Int64(clamping: rhs.nanoseconds - lhs.nanoseconds))
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `Int64` bounds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }

    /// The duration in (fractional) seconds, for rates, logs and metrics.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Converts a (possibly out-of-range) number of seconds, clamping to ±~292 years.
    static func clampedSeconds(_ value: Double) -> Duration {
        guard value.isFinite else { return value > 0 ? .seconds(Int64.max / 1_000_000_000) : .zero }
        let nanos = (value * 1e9).rounded()
        if nanos >= Double(Int64.max) { return .nanoseconds(Int64.max) }
        if nanos <= Double(Int64.min) { return .nanoseconds(Int64.min) }
        return .nanoseconds(Int64(nanos))
    }
}
