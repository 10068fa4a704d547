import Foundation
import SyncCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads config files for `ConfigLoader`, refusing anything larger than the parser
/// accepts before reading it, refusing world-writable files, and naming what went wrong (missing, a directory,
/// permission denied) instead of failing vaguely.
enum ConfigFileReader {
    static let maxBytes = JSON5Parser.defaultMaxBytes

    static func read(_ path: String) -> Result<[UInt8], ConfigLoader.ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(failure(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(failure(errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable(reason: "not a regular file")) }
        // Anyone could rewrite a world-writable config (point a remote elsewhere, turn
        // deletes on): refused, not warned about, by check, run and reload alike.
        guard status.st_mode & S_IWOTH == 0 else {
            let mode = String(status.st_mode & 0o7777, radix: 8)
            return .failure(.unreadable(reason: "refused: the file is world-writable (mode 0\(mode)); run `chmod o-w \(path)`"))
        }
        guard Int(status.st_size) <= maxBytes else { return .failure(.tooLarge(bytes: Int(status.st_size), limit: maxBytes)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(failure(errno))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
            // The file may have grown since fstat: keep the cap.
            guard bytes.count <= maxBytes else { return .failure(.tooLarge(bytes: bytes.count, limit: maxBytes)) }
        }
    }

    private static func failure(_ code: Int32) -> ConfigLoader.ReadFailure {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case EACCES, EPERM: .unreadable(reason: "permission denied")
        case EISDIR: .unreadable(reason: "it is a directory")
        default: .unreadable(reason: String(cString: strerror(code)))
        }
    }
}

/// `read(2)`, named apart from `ConfigFileReader.read`.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
