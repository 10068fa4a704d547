import Dispatch
import Foundation
import Glibc
import Synchronization

/// The running server: the accept thread and one thread per connection share this object
/// (never the public `LoopbackHTTPServer`, so dropping that one stops everything).
final class ServerCore: Sendable {
    let address: LoopbackAddress
    let listener: ListeningSocket
    let routes: HTTPRoutes
    let limits: HTTPServerLimits
    /// Entered by the accept thread and every connection thread; `stop()` waits on it.
    private let threads = DispatchGroup()

    struct Counters {
        var stopping = false
        var accepted = 0
        var requests = 0
        var perRoute: [String: Int] = [:]
        /// Connection sockets still open; `stop()` shuts them down to wake their threads.
        /// A thread removes its fd here before closing it, under this lock, so `stop()`
        /// never shuts down a reused descriptor.
        var open: Set<Int32> = []
    }

    let counters = Mutex(Counters())

    static let unmatchedRoute = "unmatched"

    init(address: LoopbackAddress, listener: ListeningSocket, routes: HTTPRoutes, limits: HTTPServerLimits) {
        self.address = address
        self.listener = listener
        self.routes = routes
        self.limits = limits
    }

    func startAccepting() {
        threads.enter()
        let thread = Thread { [self] in
            acceptLoop()
            threads.leave()
        }
        thread.name = "sandbox-http-accept"
        thread.start()
    }

    /// Stops accepting, wakes every connection (stalled ones included) and waits for the
    /// threads to finish. Idempotent.
    func stop() {
        counters.withLock { counters in
            guard !counters.stopping else { return }
            counters.stopping = true
            // On Linux this makes the blocked accept() return.
            shutdown(listener.fd, Int32(SHUT_RDWR))
            for fd in counters.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        _ = threads.wait(timeout: .now() + .seconds(10))
    }

    private func acceptLoop() {
        defer { close(listener.fd) }
        while true {
            let fd = accept(listener.fd, nil, nil)
            if fd < 0 {
                let code = errno
                if counters.withLock({ $0.stopping }) { return }
                if code != EINTR && code != ECONNABORTED { usleep(10_000) }  // e.g. EMFILE: back off
                continue
            }
            let number = counters.withLock { counters -> Int? in
                guard !counters.stopping else { return nil }
                counters.accepted += 1
                counters.open.insert(fd)
                return counters.accepted
            }
            guard let number else {
                close(fd)
                return
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            threads.enter()
            let thread = Thread { [self] in
                Connection(core: self, socket: ConnectionSocket(fd: fd), number: number).serve()
                counters.withLock { counters in
                    counters.open.remove(fd)
                    close(fd)
                }
                threads.leave()
            }
            thread.name = "sandbox-http-conn-\(number)"
            thread.start()
        }
    }

    /// Counts the request and picks its handler.
    func dispatch(_ request: inout HTTPServerRequest) -> HTTPServerReply {
        let resolution = routes.resolve(request)
        let key: String
        switch resolution {
        case .matched(let route, let parameters):
            key = route.key
            request.pathParameters = parameters
        case .methodNotAllowed, .notFound:
            key = Self.unmatchedRoute
        }
        counters.withLock { counters in
            counters.requests += 1
            counters.perRoute[key, default: 0] += 1
        }
        switch resolution {
        case .matched(let route, _):
            return route.handler(request)
        case .methodNotAllowed(let allowed):
            return .respond(.json(405, #"{"error":"method not allowed"}"#, headers: ["Allow": allowed.joined(separator: ", ")]))
        case .notFound:
            return .respond(.json(404, #"{"error":"not found"}"#))
        }
    }

    var isStopping: Bool { counters.withLock { $0.stopping } }
}
