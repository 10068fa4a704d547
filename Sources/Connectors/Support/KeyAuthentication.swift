import SyncCore
import SyncHTTP

/// How a remote with a long-lived key (a partner portal, a smaller CRM) receives it. Holds
/// the credential's *name*; the secret is read from the `CredentialSource` on every request,
/// so a rotated credential file is picked up without a restart.
public enum KeyAuthentication: Sendable, Hashable {
    /// `Authorization: <scheme> <secret>`: `Bearer` (PartnerStack), `prm-key` (Impartner),
    /// `Token` (Django-style APIs), …
    case authorization(scheme: String, credential: String)
    /// `<name>: <secret>`, e.g. `X-API-Key`.
    case header(name: String, credential: String)
    /// No authentication (the local sandbox).
    case none

    /// The remote's `auth` block read as a key: `bearer` → `Authorization: <scheme> …` with
    /// the `token` credential, `apiKey` → the `auth.header` (default `X-API-Key`) with the
    /// `apiKey` credential, `none` → nothing. OAuth kinds are not keys: nil.
    public static func from(_ auth: RemoteAuth, scheme: String = "Bearer") -> KeyAuthentication? {
        switch auth.kind {
        case .bearer:
            return .authorization(scheme: scheme, credential: auth.credentials["token"] ?? "")
        case .apiKey:
            return .header(name: auth.header ?? "X-API-Key", credential: auth.credentials["apiKey"] ?? "")
        case .none:
            return KeyAuthentication.none
        case .oauthClientCredentials, .oauthRefreshToken:
            return nil
        }
    }

    /// The header that carries the secret; every error and log line must mask it.
    public var secretHeader: String? {
        switch self {
        case .authorization: "Authorization"
        case .header(let name, _): name
        case .none: nil
        }
    }

    /// A `Redaction` that masks this key's header, for the remote's `RemoteConfig`.
    public var redaction: Redaction {
        Redaction(secretHeaders: secretHeader.map { [$0] } ?? [])
    }

    /// The `Redaction` a remote's `RemoteConfig` needs for its `auth` block: the key header
    /// of `apiKey` auth masked (`Authorization` always is).
    public static func redaction(for auth: RemoteAuth) -> Redaction {
        from(auth)?.redaction ?? .standard
    }

    /// Why this cannot be sent, or nil: an empty credential name, a scheme or header name
    /// that is not an HTTP token.
    var problem: String? {
        switch self {
        case .authorization(let scheme, let credential):
            if credential.isEmpty { return "auth.credentials.token is missing" }
            if !Self.isToken(scheme) { return "the authorization scheme '\(scheme)' is not a single word of letters, digits or -._" }
        case .header(let name, let credential):
            if credential.isEmpty { return "auth.credentials.apiKey is missing" }
            if !Self.isToken(name) { return "the key header '\(name)' is not a valid header name" }
        case .none:
            break
        }
        return nil
    }

    /// Checks the settings and that `client` masks the key's header, so a key can never
    /// reach a log line through an error.
    func checked(for client: HTTPClient) throws(ConnectorError) -> KeyAuthentication {
        let remote = client.remote.name
        if let problem { throw .invalidConfiguration(remote: remote, reason: problem) }
        if let header = secretHeader, !client.remote.redaction.isSecretHeader(header) {
            throw .invalidConfiguration(
                remote: remote,
                reason: "the HTTP client does not mask the '\(header)' header; build its RemoteConfig with `redaction: KeyAuthentication.redaction`")
        }
        return self
    }

    func authorizer(credentials: CredentialSource) -> Authorizer {
        switch self {
        case .authorization(let scheme, let credential):
            .staticHeader(name: "Authorization", prefix: scheme + " ", credential: credential, credentials: credentials)
        case .header(let name, let credential):
            .staticHeader(name: name, prefix: "", credential: credential, credentials: credentials)
        case .none:
            .none
        }
    }

    /// RFC 9110 `token` characters, the ones that matter in practice.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }
}
