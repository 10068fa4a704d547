import Synchronization
import SyncHTTP

/// Collects every log event the client emits, for assertions.
final class LogCapture: Sendable {
    private let events = Mutex<[HTTPLogEvent]>([])
    private let includesURL: Bool

    init(includesURL: Bool = true) {
        self.includesURL = includesURL
    }

    var log: HTTPLog {
        HTTPLog(minimumLevel: .debug, includesURL: includesURL) { event in self.events.withLock { $0.append(event) } }
    }

    var all: [HTTPLogEvent] { events.withLock { $0 } }
    var lines: [String] { all.map(\.line) }

    func named(_ name: String) -> [HTTPLogEvent] { all.filter { $0.name == name } }
}
