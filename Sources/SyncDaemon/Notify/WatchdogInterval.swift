/// How often to ping the watchdog: half of `$WATCHDOG_USEC`, as sd_watchdog_enabled(3)
/// advises. Nil when the watchdog is off, or meant for another process
/// (`$WATCHDOG_PID` names a different pid).
public enum WatchdogInterval {
    public static func from(environment: [String: String], pid: Int32) throws(DaemonError) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], !text.isEmpty else { return nil }
        guard let usec = UInt64(text), usec > 0 else {
            throw .environment(name: "WATCHDOG_USEC", value: text, expected: "a positive number of microseconds")
        }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty {
            guard let ownerPID = Int32(owner) else {
                throw .environment(name: "WATCHDOG_PID", value: owner, expected: "a process id")
            }
            guard ownerPID == pid else { return nil }
        }
        return .microseconds(Int64(clamping: usec / 2))
    }
}
