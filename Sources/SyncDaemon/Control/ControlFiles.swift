import Glibc

/// The two small files in the state directory through which `channelsync reload`
/// finds the daemon and learns the outcome:
/// - `channelsync.pid`: the daemon's pid, written at start, removed at stop;
/// - `reload.status`: the daemon's pid, the reload generation (0 at start, +1 per
///   reload attempt), the last result and its problems; replaced atomically.
public struct ControlFiles: Sendable {
    public let directory: String

    public init(stateDirectory: String) {
        self.directory = stateDirectory.hasSuffix("/") ? String(stateDirectory.dropLast()) : stateDirectory
    }

    public var pidPath: String { directory + "/channelsync.pid" }
    public var reloadStatusPath: String { directory + "/reload.status" }

    public func writePID(_ pid: Int32) throws(DaemonError) {
        try AtomicFile.write(Array("\(pid)\n".utf8), to: pidPath, mode: 0o644)
    }

    public func removePID() {
        unlink(pidPath)
    }

    /// The pid in the pid file, or nil when there is no (valid) pid file.
    public func readPID() -> Int32? {
        guard let text = Self.readSmallFile(pidPath) else { return nil }
        return Int32(text.trimmingWhitespace())
    }

    public func writeReloadStatus(_ status: ReloadStatus) throws(DaemonError) {
        try AtomicFile.write(Array(status.encoded().utf8), to: reloadStatusPath, mode: 0o644)
    }

    public func readReloadStatus() -> ReloadStatus? {
        Self.readSmallFile(reloadStatusPath).flatMap(ReloadStatus.parse)
    }

    static func readSmallFile(_ path: String, limit: Int = 1 << 20) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= limit {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
