/// When one mapping's cycle runs and which remotes it talks to (for the shared
/// request budget and the circuit breakers).
public struct MappingSchedule: Sendable, Hashable {
    public var mapping: String
    /// Time from the end of one cycle to the start of the next.
    public var interval: Duration
    /// A random extra delay in `0...jitter`, so mappings and instances spread out.
    public var jitter: Duration
    /// The remotes the mapping's cycle uses, e.g. `["salesforce", "partner-portal"]`.
    public var remotes: [String]

    public init(mapping: String, interval: Duration, jitter: Duration = .zero, remotes: [String]) {
        self.mapping = mapping
        self.interval = max(.zero, interval)
        self.jitter = max(.zero, jitter)
        self.remotes = remotes
    }
}
