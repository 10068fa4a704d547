/// When sync cycles run: every `interval`, each delayed by a random amount up to
/// `jitter` so a fleet does not hit the APIs in step.
public struct Schedule: Sendable, Hashable {
    public var interval: Duration
    public var jitter: Duration

    public init(interval: Duration = .seconds(300), jitter: Duration = .seconds(30)) {
        self.interval = interval
        self.jitter = jitter
    }
}
