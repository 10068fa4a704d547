import Glibc

/// Replaces a file so that readers see either the old or the new content,
/// never a torn one, even across a crash: a temp file in the same directory,
/// written fully, fsynced, renamed over the target, then the directory fsynced.
/// (What node_exporter's textfile collector and token refresh both need.)
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(DaemonError) {
        let directory = Self.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temp = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .fileWrite(path: path, step: "create temp file", errno: errno) }
        var failure: DaemonError?
        if fchmod(fd, mode) != 0 {
            failure = .fileWrite(path: path, step: "chmod", errno: errno)
        } else if let error = writeAll(fd, bytes) {
            failure = .fileWrite(path: path, step: "write", errno: error)
        } else if fsync(fd) != 0 {
            failure = .fileWrite(path: path, step: "fsync", errno: errno)
        }
        if close(fd) != 0, failure == nil { failure = .fileWrite(path: path, step: "close", errno: errno) }
        if failure == nil, rename(temp, path) != 0 { failure = .fileWrite(path: path, step: "rename", errno: errno) }
        if let failure {
            unlink(temp)
            throw failure
        }
        syncDirectory(directory)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Makes the rename durable; a failure here is not worth failing the write for.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
