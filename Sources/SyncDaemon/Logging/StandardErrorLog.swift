import Glibc
import Synchronization
import SyncCore

/// The daemon's log sink: one `write(2)` per line on stderr (or another fd),
/// serialised by a lock so lines from different mapping queues never interleave.
public final class StandardErrorLog: Sendable {
    public let style: LogStyle
    private let fd: Int32
    private let lock = Mutex(())

    public init(style: LogStyle, fd: Int32 = STDERR_FILENO) {
        self.style = style
        self.fd = fd
    }

    public func write(_ event: LogEvent) {
        let bytes = Array((LogLine.render(event, style: style) + "\n").utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                // A closed or full stderr must not stop the daemon; the line is lost.
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
