import Foundation

/// The clock, sleeper and random source behind retries and the request budget. Injected so
/// tests can check every delay without sleeping; `.live` is the real thing.
public struct HTTPEnvironment: Sendable {
    /// A monotonic reading, from an arbitrary origin; drives the token bucket.
    public var monotonicNow: @Sendable () -> Duration
    /// Wall-clock time; only used to turn a `Retry-After` HTTP-date into a delay.
    public var wallClock: @Sendable () -> Date
    /// Waits `duration`, returning early when the cancellation fires.
    public var sleep: @Sendable (_ duration: Duration, _ cancellation: HTTPCancellation) -> Void
    /// A uniform random number in [0, 1): the jitter.
    public var random: @Sendable () -> Double

    public init(
        monotonicNow: @escaping @Sendable () -> Duration,
        wallClock: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration, HTTPCancellation) -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.monotonicNow = monotonicNow
        self.wallClock = wallClock
        self.sleep = sleep
        self.random = random
    }

    public static let live = HTTPEnvironment(
        monotonicNow: { liveOrigin.duration(to: .now) },
        wallClock: { Date() },
        sleep: { duration, cancellation in cancellation.sleep(for: duration) },
        random: { Double.random(in: 0..<1) })

    private static let liveOrigin = ContinuousClock.now
}
