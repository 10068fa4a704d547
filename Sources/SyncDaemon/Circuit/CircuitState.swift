/// Where a remote's circuit stands.
public enum CircuitState: Sendable, Hashable {
    /// Requests flow; counts failures in a row.
    case closed(consecutiveFailures: Int)
    /// Requests are refused until `until`; `cooldown` is the length of this open
    /// period, the base for the next back-off.
    case open(until: MonotonicInstant, cooldown: Duration)
    /// The cool-down passed: exactly one probe may go; its outcome decides.
    case halfOpen(probeInFlight: Bool, cooldown: Duration)

    /// The state without its data, as a metric label and a log field.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case closed
        case open
        case halfOpen = "half_open"
    }

    public var kind: Kind {
        switch self {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        }
    }
}
