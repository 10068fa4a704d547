import Testing
import Foundation
import Glibc
import Sandbox
import SyncHTTP

/// Settings for a test remote: no proxy, generous real timeouts (the machine may be loaded),
/// small backoff (the clock is injected anyway).
func testRemote(
    _ name: String = "test", maxAttempts: Int = 4, timeouts: HTTPTimeouts = HTTPTimeouts(connect: .seconds(10), total: .seconds(30)),
    maxResponseBytes: Int = 64 << 20, rateLimit: RateLimit? = nil, redaction: Redaction = .standard,
    proxy: ProxySettings = .none, caBundlePath: String? = nil
) -> RemoteConfig {
    RemoteConfig(
        name: name, timeouts: timeouts, maxResponseBytes: maxResponseBytes, caBundlePath: caBundlePath, proxy: proxy,
        retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(100), maxDelay: .seconds(1)),
        rateLimit: rateLimit, redaction: redaction)
}

/// Runs `body`, expecting an `HTTPError`; returns it (nil, recorded as a failure, otherwise).
func expectHTTPError(_ body: () throws(HTTPError) -> HTTPResponse) -> HTTPError? {
    do {
        let response = try body()
        Issue.record("expected an HTTPError, got HTTP \(response.status)")
        return nil
    } catch {
        return error
    }
}

/// A loopback port with nothing listening: bound but never `listen()`ed, so connecting is
/// refused and no other test can take the port meanwhile.
final class RefusingPort {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        self.fd = fd
        port = UInt16(bigEndian: addr.sin_port)
    }

    deinit { close(fd) }

    var baseURL: String { "http://127.0.0.1:\(port)" }
}

/// Polls `condition` until true or `timeout` of real time passes (for the few tests that
/// must wait for another thread).
func waitUntil(timeout: Duration = .seconds(20), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}
