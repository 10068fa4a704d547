/// The circuit breaker for one remote, as a pure state machine: no clock, no
/// I/O; `now` comes in, decisions and transitions come out, and the caller logs
/// the transitions. closed → (N failures in a row) → open → (cool-down) →
/// half-open → one probe → closed on success, or open again with the
/// cool-down doubled (up to the cap) on failure.
public struct CircuitBreaker: Sendable, Hashable {
    public let remote: String
    public var policy: CircuitPolicy
    public private(set) var state: CircuitState = .closed(consecutiveFailures: 0)

    /// What `permit` answered plus the transition it caused, if any.
    public struct Permit: Sendable, Hashable {
        public var decision: CircuitDecision
        public var transition: CircuitTransition?
    }

    public init(remote: String, policy: CircuitPolicy) {
        self.remote = remote
        self.policy = policy
    }

    /// Asks to send work to the remote at `now`. An open circuit whose cool-down
    /// has passed turns half-open and grants this caller the single probe.
    public mutating func permit(now: MonotonicInstant) -> Permit {
        switch state {
        case .closed:
            return Permit(decision: .allowed, transition: nil)
        case let .open(until, cooldown):
            guard now >= until else { return Permit(decision: .rejected(retryAt: until), transition: nil) }
            state = .halfOpen(probeInFlight: true, cooldown: cooldown)
            return Permit(decision: .probe,
                          transition: transition(.open, .halfOpen, "cool-down of \(Self.text(cooldown)) passed"))
        case let .halfOpen(probeInFlight, cooldown):
            guard !probeInFlight else { return Permit(decision: .rejected(retryAt: nil), transition: nil) }
            state = .halfOpen(probeInFlight: true, cooldown: cooldown)
            return Permit(decision: .probe, transition: nil)
        }
    }

    /// The remote answered properly.
    public mutating func recordSuccess(now: MonotonicInstant) -> CircuitTransition? {
        switch state {
        case .closed:
            state = .closed(consecutiveFailures: 0)
            return nil
        case .halfOpen:
            state = .closed(consecutiveFailures: 0)
            return transition(.halfOpen, .closed, "probe succeeded")
        case .open:
            // A late report from work let through before the circuit opened: only
            // the probe decides when to close.
            return nil
        }
    }

    /// The remote failed (transport error, 5xx, timeouts after retries).
    public mutating func recordFailure(now: MonotonicInstant, reason: String) -> CircuitTransition? {
        switch state {
        case let .closed(failures):
            let count = failures + 1
            guard count >= policy.failureThreshold else {
                state = .closed(consecutiveFailures: count)
                return nil
            }
            state = .open(until: now + policy.cooldown, cooldown: policy.cooldown)
            return transition(.closed, .open, "\(count) consecutive failures, last: \(reason)", cooldown: policy.cooldown)
        case let .halfOpen(_, previous):
            let cooldown = policy.backedOff(previous)
            state = .open(until: now + cooldown, cooldown: cooldown)
            return transition(.halfOpen, .open, "probe failed: \(reason)", cooldown: cooldown)
        case .open:
            return nil
        }
    }

    /// The probe never reached the remote (the cycle stopped before it): let
    /// the next caller probe instead of waiting forever.
    public mutating func abandonProbe() {
        if case let .halfOpen(true, cooldown) = state {
            state = .halfOpen(probeInFlight: false, cooldown: cooldown)
        }
    }

    private func transition(_ from: CircuitState.Kind, _ to: CircuitState.Kind, _ reason: String,
                            cooldown: Duration? = nil) -> CircuitTransition {
        CircuitTransition(remote: remote, from: from, to: to, reason: reason, cooldown: cooldown)
    }

    private static func text(_ duration: Duration) -> String {
        "\(Int(duration.seconds.rounded()))s"
    }
}
