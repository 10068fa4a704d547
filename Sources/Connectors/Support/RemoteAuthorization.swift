import SyncCore
import SyncHTTP

/// Builds the `Authorizer` for a remote from its config `auth` block, for dialects whose
/// vendor has no auth of its own (PRM portals, generic REST): a key in a header, or an
/// OAuth 2.0 token minted from the configured token endpoint.
enum RemoteAuthorization {
    /// - Parameters:
    ///   - scheme: the `Authorization` scheme for `auth.kind: bearer` (`Bearer`, `Token`, …).
    ///   - oauthScheme: the scheme OAuth access tokens are sent with.
    static func authorizer(
        for remote: Remote, scheme: String, oauthScheme: String = "Bearer", client: HTTPClient,
        credentials: CredentialSource, usage: UsageMeter, clock: ConnectorClock, tokenStore: TokenStore
    ) throws(ConnectorError) -> Authorizer {
        let auth = remote.auth
        if let key = KeyAuthentication.from(auth, scheme: scheme) {
            return try key.checked(for: client).authorizer(credentials: credentials)
        }
        guard let tokenURL = auth.tokenURL, !tokenURL.isEmpty else {
            throw .invalidConfiguration(remote: remote.name, reason: "auth.tokenURL is required for \(auth.kind.rawValue)")
        }
        let names = auth.credentials
        for role in auth.kind.requiredRoles where (names[role] ?? "").isEmpty {
            throw .invalidConfiguration(remote: remote.name, reason: "auth.credentials.\(role) is missing")
        }
        let kind = auth.kind
        let scope = auth.scope
        let name = remote.name
        let provider = TokenProvider(
            client: client, usage: usage, clock: clock, store: tokenStore, refreshMargin: 60_000
        ) { previous throws(ConnectorError) -> OAuthTokenRequest in
            let clientID = try credentials.secret(names["clientId"] ?? "", remote: name)
            let clientSecret = try credentials.secret(names["clientSecret"] ?? "", remote: name)
            var fields: [(name: String, value: String)] = [("client_id", clientID), ("client_secret", clientSecret)]
            var secrets = [clientSecret]
            if kind == .oauthRefreshToken {
                let refresh: String
                if let previous = previous?.refreshToken {
                    refresh = previous
                } else {
                    refresh = try credentials.secret(names["refreshToken"] ?? "", remote: name)
                }
                fields.insert(("grant_type", "refresh_token"), at: 0)
                fields.append(("refresh_token", refresh))
                secrets.append(refresh)
            } else {
                fields.insert(("grant_type", "client_credentials"), at: 0)
            }
            if let scope, !scope.isEmpty { fields.append(("scope", scope)) }
            return OAuthTokenRequest(endpoint: tokenURL, fields: fields, secrets: secrets)
        }
        return .oauth(provider, scheme: oauthScheme)
    }
}
