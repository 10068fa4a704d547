import Glibc
import SyncCore
import SyncDaemon

/// The daemon's log during the demo: a file in the demo directory (plain style, as on
/// a terminal), so the terminal shows the story and the log stays available.
final class DemoLog: Sendable {
    let logger: Logger
    private let descriptor: Int32

    init(path: String) throws(CLIError) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .failure("cannot create \(path): \(String(cString: strerror(errno)))") }
        let log = StandardErrorLog(style: .plain, fd: descriptor)
        logger = Logger(level: .info) { log.write($0) }
    }

    /// After the daemon stopped: nothing logs any more.
    func close() {
        _ = Glibc.close(descriptor)
    }
}
