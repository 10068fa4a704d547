import Foundation
import Sandbox
import Synchronization

/// The API requests the sandbox served while recording, in arrival order (the daemon is
/// one thread per mapping and runs mappings one after the other, so this is its order).
final class BenchRecorder: Sendable {
    struct Request: Sendable {
        let system: SandboxSystem
        let method: String
        let target: String
        let headers: [(name: String, value: String)]
        let body: Data
        /// It arrived as the first request of a new connection: the daemon's client opens
        /// one for each request that is not idempotent (a plain create), so that libcurl
        /// never silently re-sends it on a kept-alive connection found dead.
        let newConnection: Bool
    }

    private let state = Mutex<(on: Bool, requests: [Request])>((false, []))

    /// The server's tap: keeps API requests (not `/__admin`) while recording is on.
    func tap(_ system: SandboxSystem, _ request: HTTPServerRequest) {
        guard !request.path.hasPrefix("/__admin") else { return }
        state.withLock { state in
            guard state.on else { return }
            let headers = request.headers.map { (name: $0.name, value: $0.value) }
            state.requests.append(Request(system: system, method: request.method, target: request.target,
                                          headers: headers, body: request.body,
                                          newConnection: request.numberOnConnection == 1))
        }
    }

    func start() {
        state.withLock { $0 = (true, []) }
    }

    /// Stops recording and hands over what was recorded.
    func stop() -> [Request] {
        state.withLock { state in
            state.on = false
            defer { state.requests = [] }
            return state.requests
        }
    }
}
