import Foundation
import Synchronization
import Sandbox
import SyncHTTP
@testable import Connectors

/// An HTTP environment whose sleeps are recorded instead of waited, so retry tests do
/// not sleep.
final class RecordedSleeps: Sendable {
    private let sleeps = Mutex<[Duration]>([])
    private let origin = ContinuousClock.now

    var all: [Duration] { sleeps.withLock { $0 } }

    var environment: HTTPEnvironment {
        HTTPEnvironment(
            monotonicNow: { self.origin.duration(to: .now) + self.sleeps.withLock { $0.reduce(.zero, +) } },
            wallClock: { Date() },
            sleep: { duration, _ in self.sleeps.withLock { $0.append(duration) } },
            random: { 0.5 })
    }
}

/// A remote for tests: no proxy, generous real timeouts (the machine may be loaded),
/// a few quick retries.
func testRemote(_ name: String, redaction: Redaction = .standard, maxAttempts: Int = 3) -> RemoteConfig {
    RemoteConfig(
        name: name, timeouts: HTTPTimeouts(connect: .seconds(10), total: .seconds(60)), proxy: .none,
        retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(100)),
        redaction: redaction)
}

/// Tokens saved by a connector, for assertions.
final class SavedTokens: Sendable {
    private let tokens = Mutex<[OAuthToken]>([])
    let initial: OAuthToken?

    init(initial: OAuthToken? = nil) {
        self.initial = initial
    }

    var all: [OAuthToken] { tokens.withLock { $0 } }

    var store: TokenStore {
        TokenStore(load: { self.initial }, save: { token in self.tokens.withLock { $0.append(token) } })
    }
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
