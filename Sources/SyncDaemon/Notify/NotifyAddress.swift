import Glibc

/// Where sd_notify datagrams go: a filesystem socket (`/run/systemd/notify`) or
/// a Linux abstract one (`@name`, sent with a leading NUL byte and no terminator).
public struct NotifyAddress: Sendable, Hashable, CustomStringConvertible {
    /// The value as found in `$NOTIFY_SOCKET`.
    public let text: String
    /// The bytes of `sun_path`: a leading NUL for abstract sockets.
    let pathBytes: [UInt8]
    let isAbstract: Bool

    static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    public init(_ text: String) throws(DaemonError) {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "@"), bytes.count > 1,
              !bytes.contains(0) else {
            throw .notifySocketAddress(text)
        }
        isAbstract = first == UInt8(ascii: "@")
        pathBytes = isAbstract ? [0] + bytes.dropFirst() : bytes
        // A path needs room for its terminating NUL; an abstract name does not.
        guard pathBytes.count <= Self.pathCapacity - (isAbstract ? 0 : 1) else { throw .notifySocketAddress(text) }
        self.text = text
    }

    public var description: String { text }

    /// Calls `body` with a filled `sockaddr_un` and the exact length to pass to
    /// `sendto`/`bind`: for an abstract name the length ends at its last byte,
    /// since every byte of `sun_path` up to the length is part of the name.
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? MemoryLayout<sa_family_t>.size
        let length = socklen_t(pathOffset + pathBytes.count + (isAbstract ? 0 : 1))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
