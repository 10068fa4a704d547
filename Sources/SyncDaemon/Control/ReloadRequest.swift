import Glibc

/// The client side of `channelsync reload [--wait]`: finds the daemon (the
/// `$MAINPID` systemd gives `ExecReload=` commands, else the pid file), sends
/// SIGHUP, and with `wait` polls `reload.status` until the daemon reports a
/// generation newer than the one seen before the signal. Two reloads racing may
/// both see the first one's outcome; that outcome still reflects a config read
/// after the earlier request's signal.
public struct ReloadRequest: Sendable {
    public let files: ControlFiles
    /// The pid to signal when known (systemd's `$MAINPID`); else the pid file decides.
    public let mainPID: Int32?
    public let timeout: Duration
    public let pollInterval: Duration

    public init(stateDirectory: String, mainPID: Int32? = nil, timeout: Duration = .seconds(60),
                pollInterval: Duration = .milliseconds(50)) {
        self.files = ControlFiles(stateDirectory: stateDirectory)
        self.mainPID = mainPID
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// `$MAINPID` from an environment, when it is a usable pid.
    public static func mainPID(environment: [String: String]) -> Int32? {
        environment["MAINPID"].flatMap { Int32($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Signals the daemon; with `wait`, returns its outcome (nil without `wait`).
    public func send(wait: Bool, clock: MonotonicClock = .system) throws(DaemonError) -> ReloadOutcome? {
        let pid = try targetPID()
        let before = files.readReloadStatus().flatMap { $0.pid == pid ? $0.generation : nil } ?? 0
        guard kill(pid, SIGHUP) == 0 else { throw .signalFailed(pid: pid, errno: errno) }
        guard wait else { return nil }
        let deadline = clock.now() + timeout
        while clock.now() < deadline {
            if let status = files.readReloadStatus(), status.pid == pid, status.generation > before,
               let outcome = status.outcome {
                return outcome
            }
            usleep(useconds_t(max(1_000, pollInterval.nanoseconds / 1_000)))
        }
        throw .reloadTimedOut(seconds: Int(timeout.seconds.rounded(.up)))
    }

    private func targetPID() throws(DaemonError) -> Int32 {
        if let mainPID { return mainPID }
        guard let pid = files.readPID() else {
            throw .daemonNotFound(reason: "no pid file at \(files.pidPath) (is the daemon running with this state directory?)")
        }
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else {
            throw .daemonNotFound(reason: "pid file \(files.pidPath) names process \(pid), which is not running")
        }
        return pid
    }
}
