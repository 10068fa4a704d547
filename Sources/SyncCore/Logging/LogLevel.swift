/// How much an event matters, with the sd-daemon(3) priority numbers so the
/// journal can filter on them (`journalctl -p warning`).
public enum LogLevel: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Something failed and needs an operator (`<3>`).
    case error = 3
    /// Something is off but the daemon copes (`<4>`).
    case warning = 4
    /// Routine milestones: start, stop, reload, cycle summaries (`<6>`).
    case info = 6
    /// Detail for debugging; routine success logs live here (`<7>`).
    case debug = 7

    /// The syslog priority, as written in the `<N>` prefix.
    public var priority: Int { rawValue }

    /// The lower-case name used in plain-text output and in config.
    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "info"
        case .debug: "debug"
        }
    }

    /// Parses a name as written in config (`"warn"` is accepted for `warning`).
    public init?(name: String) {
        switch name.lowercased() {
        case "error", "err": self = .error
        case "warning", "warn": self = .warning
        case "info": self = .info
        case "debug": self = .debug
        default: return nil
        }
    }

    /// More severe sorts first: `.error < .debug`, so "at least info" is `level <= .info`.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
