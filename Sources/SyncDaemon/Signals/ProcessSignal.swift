import Glibc

/// The signals the daemon acts on.
public enum ProcessSignal: Sendable, Hashable, CaseIterable {
    /// SIGTERM: stop after the in-flight batch (a second one aborts).
    case terminate
    /// SIGINT: as SIGTERM (Ctrl-C in a terminal).
    case interrupt
    /// SIGHUP: re-read and validate the config, swap it in between cycles.
    case hangup

    public var number: Int32 {
        switch self {
        case .terminate: SIGTERM
        case .interrupt: SIGINT
        case .hangup: SIGHUP
        }
    }

    public var name: String {
        switch self {
        case .terminate: "SIGTERM"
        case .interrupt: "SIGINT"
        case .hangup: "SIGHUP"
        }
    }
}
