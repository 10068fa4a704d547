import Foundation
import Sandbox
import SyncHTTP

/// The raw-transfer baseline: the same requests the daemon sent, in the same order, to
/// the same sandbox holding the same data, through the same `HTTPClient` with the remote's
/// own settings, each on a new connection where the daemon's was — and nothing else (no
/// parsing, no state). The physical limit.
enum BenchReplay {
    /// Headers the client sets itself.
    static let skipped: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "expect",
                                       "accept-encoding", "user-agent"]

    /// What the replay took: wall seconds, the CPU seconds of the loop's own thread (the
    /// client) and of this whole process (the client and the sandbox serving it), and how
    /// many answers were not 2xx.
    struct Result {
        let seconds: Double
        let clientCPUSeconds: Double
        let processCPUSeconds: Double
        let refused: Int
    }

    /// Sends `requests` in order.
    static func run(_ requests: [BenchRecorder.Request], server: SandboxServer,
                    clients: [SandboxSystem: HTTPClient]) throws -> Result {
        var prepared: [(HTTPClient, HTTPRequest)] = []
        prepared.reserveCapacity(requests.count)
        // One set shared by every request (a set each took a second and tens of MB at 1M).
        let anyStatus = Set(100...599)
        for recorded in requests {
            guard let client = clients[recorded.system], let method = HTTPMethod(rawValue: recorded.method) else {
                throw BenchFailure.setup("no client for a recorded \(recorded.method) to \(recorded.system)")
            }
            let url = recorded.target.hasPrefix("http") ? recorded.target : server.baseURL(recorded.system) + recorded.target
            var headers = HTTPHeaders()
            for header in recorded.headers where !skipped.contains(header.name.lowercased()) {
                headers.add(header.name, header.value)
            }
            var request = HTTPRequest(method, url, headers: headers, body: recorded.body.isEmpty ? nil : recorded.body)
            request.acceptedStatuses = anyStatus
            // Declared as the daemon's connector declared it, so it goes out on a new
            // connection where the daemon's did (the same work, connection set-up included).
            request.idempotent = !recorded.newConnection
            prepared.append((client, request))
        }
        var refused = 0
        let start = BenchDirectory.seconds()
        let processCPU = BenchDirectory.cpuSeconds(), clientCPU = BenchDirectory.threadCPUSeconds()
        for (client, request) in prepared {
            let response = try client.send(request)
            if !(200...299).contains(response.status) { refused += 1 }
        }
        return Result(seconds: BenchDirectory.seconds() - start, clientCPUSeconds: BenchDirectory.threadCPUSeconds() - clientCPU,
                      processCPUSeconds: BenchDirectory.cpuSeconds() - processCPU, refused: refused)
    }
}
