import Glibc
import Synchronization
import SyncCore

/// Reading a small file that holds a secret: regular files only, bounded
/// size, a warning when the mode lets group or others read it — once per file
/// per process, since connectors read credentials on every token refresh and a
/// warning each time would bury the log.
enum SecretFile {
    /// The paths already warned about in this process.
    private static let warned = Mutex<Set<String>>([])

    /// The bytes, or nil when the file does not exist.
    static func read(_ path: String, limit: Int, logger: Logger) throws(DaemonError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .fileRead(path: path, errno: errno)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .fileRead(path: path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .fileRead(path: path, errno: EISDIR) }
        guard Int(info.st_size) <= limit else { throw .credentialTooLarge(path: path, limit: limit) }
        if info.st_mode & (S_IRGRP | S_IROTH) != 0, warned.withLock({ $0.insert(path).inserted }) {
            logger.warning("secret file is readable by group or others; chmod 600 it",
                           ["path": path, "mode": String(info.st_mode & 0o777, radix: 8)])
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .fileRead(path: path, errno: errno) }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            guard bytes.count <= limit else { throw .credentialTooLarge(path: path, limit: limit) }
        }
        return bytes
    }
}
