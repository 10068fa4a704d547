/// Where refreshed tokens are kept between runs. The daemon writes them 0600 in its state
/// directory; a connector without a store simply mints a token on its first request.
public struct TokenStore: Sendable {
    /// The token saved by an earlier run, if any.
    public var load: @Sendable () -> OAuthToken?
    /// Called after every mint or refresh. Must not throw: a token that could not be saved
    /// only costs one token request on the next start.
    public var save: @Sendable (OAuthToken) -> Void

    public init(load: @escaping @Sendable () -> OAuthToken?, save: @escaping @Sendable (OAuthToken) -> Void) {
        self.load = load
        self.save = save
    }

    /// Keeps nothing.
    public static let none = TokenStore(load: { nil }, save: { _ in })
}
