/// The randomness behind schedule jitter, injected so tests can pin it.
public struct JitterRandom: Sendable {
    /// A number in `0..<1`; values outside are clamped by the scheduler.
    public let next: @Sendable () -> Double

    public init(next: @escaping @Sendable () -> Double) { self.next = next }

    public static let system = JitterRandom { Double.random(in: 0..<1) }
}
