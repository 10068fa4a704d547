/// The result of one reload, as `channelsync reload --wait` reports it.
public enum ReloadOutcome: Sendable, Hashable {
    /// The new config runs from the next cycle of each mapping.
    case applied(generation: Int)
    /// The old config keeps running; `problems` are the loader's errors.
    case rejected(generation: Int, problems: [String])
    /// Not attempted: the daemon is stopping.
    case ignored

    public var generation: Int? {
        switch self {
        case let .applied(generation), let .rejected(generation, _): generation
        case .ignored: nil
        }
    }
}
