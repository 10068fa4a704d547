/// How one remote's requests are authorized.
enum Authorizer: Sendable {
    /// `Authorization: <scheme> <token>` from an OAuth token that can be re-minted
    /// (`Bearer`; Zoho says `Zoho-oauthtoken`).
    case oauth(TokenProvider, scheme: String = "Bearer")
    /// A fixed secret in a header (`Authorization: Bearer pat-…`, `X-Api-Key: …`), read
    /// from the credentials on each request (the daemon's source caches it for a while),
    /// and read again when the remote refuses it, so a rotated file is picked up.
    case staticHeader(name: String, prefix: String, credential: String, credentials: CredentialSource)
    /// Nothing (a public endpoint, or auth carried in the request itself).
    case none

    /// What a request is built with.
    struct Access: Sendable {
        var header: (name: String, value: String)?
        /// Where the API lives when the token says (Salesforce `instance_url`).
        var instanceURL: String?
        var token: OAuthToken?
    }

    func access(remote: String) throws(ConnectorError) -> Access {
        switch self {
        case .oauth(let provider, let scheme):
            let token = try provider.current()
            return Access(header: ("Authorization", scheme + " " + token.accessToken), instanceURL: token.instanceURL,
                          token: token)
        case .staticHeader(let name, let prefix, let credential, let credentials):
            let secret = try credentials.secret(credential, remote: remote)
            return Access(header: (name, prefix + secret), instanceURL: nil, token: nil)
        case .none:
            return Access(header: nil, instanceURL: nil, token: nil)
        }
    }

    /// Forgets `access` so the next request mints (OAuth) or reads the key again (a
    /// static header); false when nothing new can be sent: no token to renew, or the key
    /// read again is the one just refused.
    func renew(after access: Access) -> Bool {
        switch self {
        case .oauth(let provider, _):
            guard let token = access.token else { return false }
            provider.invalidate(token)
            return true
        case .staticHeader(_, let prefix, let credential, let credentials):
            credentials.forget(credential)
            guard let fresh = credentials.optionalSecret(credential) else { return false }
            return access.header?.value != prefix + fresh
        case .none:
            return false
        }
    }
}
