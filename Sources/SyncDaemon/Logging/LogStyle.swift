import Glibc

/// How log lines are framed on stderr.
public enum LogStyle: Sendable, Hashable {
    /// `<N>` sd-daemon(3) priority prefix; journald strips it and stores the priority.
    case journal
    /// `level: ` prefix, for a terminal or a plain log file.
    case plain

    /// `.journal` when stderr is the journal stream systemd set up: `$JOURNAL_STREAM`
    /// is `DEVICE:INODE` of that stream, and systemd.exec(5) recommends comparing it
    /// with stderr so a redirected stderr (`2>file`) gets plain lines.
    public static func detect(environment: [String: String], standardError fd: Int32 = STDERR_FILENO) -> LogStyle {
        guard let stream = environment["JOURNAL_STREAM"], !stream.isEmpty else { return .plain }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return .journal }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .journal }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode ? .journal : .plain
    }
}
