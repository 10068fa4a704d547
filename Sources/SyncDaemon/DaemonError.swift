import Glibc

/// Everything the daemon runtime can fail with. Each case names the file,
/// variable or process involved and the OS error, never a secret's content.
public enum DaemonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `$NOTIFY_SOCKET` is not a path (`/…`) or abstract (`@…`) socket, or is too long.
    case notifySocketAddress(String)
    /// `sendto` on the notify socket failed.
    case notifySend(address: String, errno: Int32)
    /// An environment variable systemd sets holds something unusable.
    case environment(name: String, value: String, expected: String)
    /// Writing (or atomically replacing) a file failed at `step`.
    case fileWrite(path: String, step: String, errno: Int32)
    /// Reading a file failed.
    case fileRead(path: String, errno: Int32)
    /// A credential name with `/`, `..` or nothing in it.
    case credentialName(String)
    /// The credential is in none of the places looked at, in the order tried.
    case credentialMissing(name: String, searched: [String])
    /// The credential file exists but holds nothing.
    case credentialEmpty(path: String)
    /// The credential file is larger than any secret should be.
    case credentialTooLarge(path: String, limit: Int)
    /// Neither config nor `$STATE_DIRECTORY` names a state directory.
    case stateDirectoryMissing
    /// The config loader refused the config; one entry per problem, as the loader wrote it.
    case configRejected(problems: [String])
    /// `reload` could not find a running daemon to signal.
    case daemonNotFound(reason: String)
    /// `kill(pid, SIGHUP)` failed.
    case signalFailed(pid: Int32, errno: Int32)
    /// The daemon did not report a reload outcome in time.
    case reloadTimedOut(seconds: Int)
    /// The signal pipe could not be set up at `step` (`pipe`, `sigaction(SIGTERM)`).
    case signalSetup(step: String, errno: Int32)

    public var description: String {
        switch self {
        case let .notifySocketAddress(value):
            "NOTIFY_SOCKET='\(value)' is neither an absolute path nor an abstract '@name' socket of at most 107 bytes"
        case let .notifySend(address, code):
            "cannot send to notify socket \(address): \(Self.text(code))"
        case let .environment(name, value, expected):
            "\(name)='\(value)' is not \(expected)"
        case let .fileWrite(path, step, code):
            "cannot write \(path) (\(step)): \(Self.text(code))"
        case let .fileRead(path, code):
            "cannot read \(path): \(Self.text(code))"
        case let .credentialName(name):
            "credential name '\(name)' must be a plain file name (no '/', not '.' or '..', not empty)"
        case let .credentialMissing(name, searched):
            "credential '\(name)' not found; looked in: \(searched.isEmpty ? "nowhere (set LoadCredential= or a credentials path in config)" : searched.joined(separator: ", "))"
        case let .credentialEmpty(path):
            "credential file \(path) is empty"
        case let .credentialTooLarge(path, limit):
            "credential file \(path) is larger than \(limit) bytes; is it the right file?"
        case .stateDirectoryMissing:
            "no state directory: set stateDirectory in the config, or run under systemd with StateDirectory="
        case let .configRejected(problems):
            "config rejected (\(problems.count) problem\(problems.count == 1 ? "" : "s")): " + problems.joined(separator: "; ")
        case let .daemonNotFound(reason):
            "no running channelsync daemon found: \(reason)"
        case let .signalFailed(pid, code):
            "cannot signal process \(pid): \(Self.text(code))"
        case let .reloadTimedOut(seconds):
            "the daemon did not report a reload outcome within \(seconds)s"
        case let .signalSetup(step, code):
            "cannot set up signal handling (\(step)): \(Self.text(code))"
        }
    }

    static func text(_ code: Int32) -> String {
        String(cString: strerror(code)) + " (errno \(code))"
    }
}
