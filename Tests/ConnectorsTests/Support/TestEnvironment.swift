import Foundation
import Synchronization
import Sandbox
import SyncHTTP
@testable import Connectors

/// A remote for tests: no proxy, generous real timeouts (the machine may be loaded),
/// a few quick retries.
func testRemote(_ name: String, redaction: Redaction = .standard, maxAttempts: Int = 3) -> RemoteConfig {
    RemoteConfig(
        name: name, timeouts: HTTPTimeouts(connect: .seconds(10), total: .seconds(60)), proxy: .none,
        retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(100)),
        redaction: redaction)
}

extension ConnectorClock {
    static func manual(_ clock: ManualClock) -> ConnectorClock {
        ConnectorClock { clock.now() }
    }
}

/// Runs `body`, expecting a `ConnectorError`.
func expectConnectorError(_ body: () throws -> Void) -> ConnectorError? {
    do {
        try body()
        return nil
    } catch let error as ConnectorError {
        return error
    } catch {
        return nil
    }
}
