import Foundation
import Glibc
import Synchronization
@testable import SyncDaemon

/// A unix datagram socket bound by the test, standing in for systemd's notify
/// socket: a reader thread collects every datagram in order.
final class FakeNotifySocket: Sendable {
    let address: String
    private let fd: Int32
    private let received = Mutex<[String]>([])
    private let closed = Mutex(false)
    private let path: String?

    /// A filesystem socket in a fresh temp directory, or an abstract `@name` one.
    init(abstract: Bool) throws {
        let name = "channelsync-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if abstract {
            address = "@" + name
            path = nil
        } else {
            let directory = try TemporaryDirectory.make()
            address = directory + "/notify.sock"
            path = address
        }
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        // Wake the reader now and then so close() is noticed.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let notifyAddress = try NotifyAddress(address)
        let bound = notifyAddress.withSocketAddress { bind(fd, $0, $1) }
        guard bound == 0 else { throw TestFailure("bind \(address): errno \(errno)") }
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    deinit {
        if let path { unlink(path) }
    }

    var environment: [String: String] { ["NOTIFY_SOCKET": address] }

    var messages: [String] { received.withLock { $0 } }

    /// Every assignment received, in order, e.g. `["READY=1", "STATUS=…", "WATCHDOG=1"]`.
    var assignments: [String] { messages.flatMap { $0.split(separator: "\n").map(String.init) } }

    func count(_ assignment: String) -> Int { assignments.filter { $0 == assignment }.count }

    /// Sends a datagram to itself: everything after it in `assignments` was sent later.
    func mark(_ marker: String) throws {
        try Notifier(address: NotifyAddress(address)).send(.status(marker))
    }

    func close() {
        closed.withLock { $0 = true }
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while !closed.withLock({ $0 }) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                received.withLock { $0.append(text) }
            }
        }
        Glibc.close(fd)
    }
}
