import Synchronization
@testable import Connectors

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
