import SyncCore

/// A change of circuit state, which the runtime always logs: an operator must
/// be able to see when and why a remote was left alone.
public struct CircuitTransition: Sendable, Hashable {
    public var remote: String
    public var from: CircuitState.Kind
    public var to: CircuitState.Kind
    /// Why: the last failure's description, or what the probe showed.
    public var reason: String
    /// For an opening: how long the remote is left alone.
    public var cooldown: Duration?

    public init(remote: String, from: CircuitState.Kind, to: CircuitState.Kind, reason: String, cooldown: Duration? = nil) {
        self.remote = remote
        self.from = from
        self.to = to
        self.reason = reason
        self.cooldown = cooldown
    }

    /// The log line for this transition: opening is a warning, the rest info.
    public var logEvent: LogEvent {
        var fields = [LogField("remote", remote), LogField("from", from.rawValue), LogField("to", to.rawValue),
                      LogField("reason", reason)]
        if let cooldown { fields.append(LogField("retry_in_s", String(Int(cooldown.seconds.rounded(.up))))) }
        let message = switch to {
        case .open: "circuit opened: leaving the remote alone"
        case .halfOpen: "circuit half-open: sending one probe"
        case .closed: "circuit closed: remote recovered"
        }
        return LogEvent(level: to == .open ? .warning : .info, message: message, fields: fields)
    }
}
