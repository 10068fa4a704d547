/// Why `channelsync soak` failed. Messages name the daemon's log, the seed to replay
/// and what was expected; none carries a secret or a record's values.
enum SoakError: Error, Equatable, CustomStringConvertible {
    /// The daemon binary could not be started.
    case spawn(String)
    /// The daemon exited on its own (not killed by the soak) with this status.
    case daemonExited(status: Int32, log: String)
    /// The final clean run never reached a quiet cycle of every mapping.
    case notQuiet(seconds: Int, log: String)
    /// SIGTERM at the end did not stop the daemon cleanly.
    case unclean(status: Int32, log: String)
    /// The end state is wrong: one line per problem.
    case audit([String])

    var description: String {
        switch self {
        case let .spawn(reason):
            "cannot start the daemon: \(reason)"
        case let .daemonExited(status, log):
            "the daemon exited by itself with status \(status) (not killed by the soak); see \(log)"
        case let .notQuiet(seconds, log):
            "after the last restart the daemon did not settle within \(seconds) s (a cycle of every mapping with nothing to write); see \(log)"
        case let .unclean(status, log):
            "the daemon did not stop cleanly on SIGTERM (status \(status)); see \(log)"
        case let .audit(problems):
            "the end state is wrong:\n  " + problems.prefix(30).joined(separator: "\n  ")
                + (problems.count > 30 ? "\n  … and \(problems.count - 30) more" : "")
        }
    }
}
