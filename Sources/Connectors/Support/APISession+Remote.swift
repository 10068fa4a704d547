import SyncCore
import SyncHTTP

extension APISession {
    /// The session of a dialect whose auth comes from the remote's config `auth` block
    /// (`RemoteAuthorization`: a key in a header or an OAuth token from `auth.tokenURL`),
    /// usage counted under the remote's name, no quota reserve: what most connector inits build.
    /// - Parameters:
    ///   - scheme: the `Authorization` scheme for `auth.kind: bearer`.
    ///   - oauthScheme: the scheme an OAuth token is sent with (Zoho: `Zoho-oauthtoken`).
    static func forRemote(
        _ remote: Remote, scheme: String = "Bearer", oauthScheme: String = "Bearer", client: HTTPClient,
        credentials: CredentialSource, clock: ConnectorClock, tokenStore: TokenStore, rules: SessionRules = SessionRules()
    ) throws(ConnectorError) -> APISession {
        let usage = UsageMeter(remote: remote.name, reserve: .none, clock: clock)
        let authorizer = try RemoteAuthorization.authorizer(
            for: remote, scheme: scheme, oauthScheme: oauthScheme, client: client, credentials: credentials, usage: usage,
            clock: clock, tokenStore: tokenStore)
        return APISession(client: client, authorizer: authorizer, usage: usage, rules: rules)
    }
}

extension Remote {
    /// `baseURL` without a trailing `/`, ready for a path to be appended.
    var baseURLForPaths: String {
        baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }
}
