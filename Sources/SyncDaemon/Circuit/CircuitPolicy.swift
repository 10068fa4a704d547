/// When a remote counts as down and how long to leave it alone.
public struct CircuitPolicy: Sendable, Hashable {
    /// Consecutive failed cycles against the remote that open the circuit (at least 1).
    public var failureThreshold: Int
    /// How long the circuit stays open the first time.
    public var cooldown: Duration
    /// The cap for the cool-down, which doubles after each failed probe.
    public var maxCooldown: Duration

    public init(failureThreshold: Int = 5, cooldown: Duration = .seconds(60), maxCooldown: Duration = .seconds(3600)) {
        self.failureThreshold = max(1, failureThreshold)
        self.cooldown = max(.zero, cooldown)
        self.maxCooldown = max(self.cooldown, maxCooldown)
    }

    /// The next cool-down after a failed probe: doubled, capped.
    func backedOff(_ previous: Duration) -> Duration {
        min(maxCooldown, max(cooldown, previous * 2))
    }
}
