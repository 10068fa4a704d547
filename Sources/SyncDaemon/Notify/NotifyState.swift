/// One `KEY=VALUE` assignment of the sd_notify protocol (sd_notify(3)).
public enum NotifyState: Sendable, Hashable {
    /// Start-up finished: config valid, credentials read, database open and migrated.
    case ready
    /// A reload started; systemd needs the monotonic time to match it with `READY=1`.
    case reloading(monotonicMicroseconds: UInt64)
    /// A clean stop began.
    case stopping
    /// A one-line human summary shown by `systemctl status`.
    case status(String)
    /// The keep-alive ping for `WatchdogSec=`.
    case watchdog

    /// The protocol text: one assignment per line; a status is forced onto one line.
    public var assignment: String {
        switch self {
        case .ready: "READY=1"
        case let .reloading(usec): "RELOADING=1\nMONOTONIC_USEC=\(usec)"
        case .stopping: "STOPPING=1"
        case let .status(text): "STATUS=" + Self.oneLine(text)
        case .watchdog: "WATCHDOG=1"
        }
    }

    static func oneLine(_ text: String) -> String {
        let flat = text.map { $0.isNewline ? " " : $0 }
        return String(String(flat).prefix(400))
    }
}
