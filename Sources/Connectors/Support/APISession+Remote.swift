import SyncCore
import SyncHTTP

extension APISession {
    /// The session of a dialect whose vendor has no auth of its own (PRM portals, generic
    /// REST): a key in a header or an OAuth token from `auth.tokenURL`, usage counted under
    /// the remote's name, no quota reserve.
    /// - Parameter scheme: the `Authorization` scheme for `auth.kind: bearer`.
    static func forRemote(
        _ remote: Remote, scheme: String, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock,
        tokenStore: TokenStore, rules: SessionRules = SessionRules()
    ) throws(ConnectorError) -> APISession {
        let usage = UsageMeter(remote: remote.name, reserve: .none, clock: clock)
        let authorizer = try RemoteAuthorization.authorizer(
            for: remote, scheme: scheme, client: client, credentials: credentials, usage: usage, clock: clock,
            tokenStore: tokenStore)
        return APISession(client: client, authorizer: authorizer, usage: usage, rules: rules)
    }
}

extension Remote {
    /// `baseURL` without a trailing `/`, ready for a path to be appended.
    var baseURLForPaths: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
