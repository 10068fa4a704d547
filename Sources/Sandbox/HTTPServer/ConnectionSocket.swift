import Foundation
import Glibc

/// One accepted TCP connection, used by its own thread only. Reads are buffered; writes use
/// MSG_NOSIGNAL so a client that hung up yields an error, not SIGPIPE.
final class ConnectionSocket {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    init(fd: Int32) {
        self.fd = fd
    }

    enum LineRead {
        case line(String)
        case closed
        case tooLong
    }

    /// A line without its CRLF (a bare LF is accepted). `limit` bounds the bytes consumed.
    func readLine(limit: Int) -> LineRead {
        var consumed = 0
        var line: [UInt8] = []
        while true {
            if position == buffer.count, !fill() {
                return .closed
            }
            let available = buffer[position...]
            if let newline = available.firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: buffer[position..<newline])
                consumed += newline - position + 1
                position = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return consumed > limit ? .tooLong : .line(String(decoding: line, as: UTF8.self))
            }
            line.append(contentsOf: available)
            consumed += available.count
            position = buffer.count
            if consumed > limit { return .tooLong }
        }
    }

    /// Exactly `count` bytes, or nil when the peer closed first.
    func read(count: Int) -> Data? {
        var out = Data()
        out.reserveCapacity(count)
        while out.count < count {
            if position == buffer.count, !fill() { return nil }
            let take = min(count - out.count, buffer.count - position)
            out.append(contentsOf: buffer[position..<(position + take)])
            position += take
        }
        return out
    }

    /// Sends everything; false when the peer is gone.
    @discardableResult
    func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return true }
            var sent = 0
            while sent < raw.count {
                let result = send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                sent += result
            }
            return true
        }
    }

    /// Blocks until the peer closes (or the server shuts the socket down), discarding
    /// anything it sends meanwhile: the "stalled server" fault.
    func waitUntilPeerCloses() {
        var discard = [UInt8](repeating: 0, count: 4096)
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            let count = recv(fd, &discard, discard.count, 0)
            if count == 0 || (count < 0 && errno != EINTR) { return }
        }
    }

    /// Makes the next close send a TCP RST instead of a FIN.
    func armReset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    private func fill() -> Bool {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        while true {
            let count = recv(fd, &scratch, scratch.count, 0)
            if count > 0 {
                buffer.append(contentsOf: scratch[0..<count])
                return true
            }
            if count < 0, errno == EINTR { continue }
            return false
        }
    }
}
