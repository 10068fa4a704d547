/// How `DaemonRuntime.run()` ended, and the process exit status for it.
public enum RunOutcome: Sendable, Hashable {
    /// Stopped on request after every in-flight cycle returned.
    case stopped
    /// The stop timeout passed with these mappings' cycles still running.
    case stopTimedOut(running: [String])
    /// A second stop signal: left at once.
    case aborted(ProcessSignal)

    /// 0 for a clean stop, 1 when cycles were abandoned, 128+signal for an abort.
    public var exitCode: Int32 {
        switch self {
        case .stopped: 0
        case .stopTimedOut: 1
        case let .aborted(signal): 128 + signal.number
        }
    }
}
