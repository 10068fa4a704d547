/// How a remote authenticates. Secrets are named, never written: each credential
/// role maps to a credential name, whose file is read from `$CREDENTIALS_DIRECTORY`.
public struct RemoteAuth: Sendable, Hashable {
    public var kind: AuthKind
    /// The OAuth token endpoint (required for the OAuth kinds).
    public var tokenURL: String?
    /// Role → credential name, e.g. `clientSecret: "salesforce-client-secret"`.
    /// The roles a kind needs are `AuthKind.requiredRoles`.
    public var credentials: [String: String]
    /// The header carrying an `apiKey` (default `X-API-Key`).
    public var header: String?
    /// OAuth scopes to request, space-separated as sent.
    public var scope: String?

    public init(kind: AuthKind, tokenURL: String? = nil, credentials: [String: String] = [:],
                header: String? = nil, scope: String? = nil) {
        self.kind = kind
        self.tokenURL = tokenURL
        self.credentials = credentials
        self.header = header
        self.scope = scope
    }
}

public enum AuthKind: String, Sendable, Hashable, CaseIterable {
    /// OAuth 2.0 `grant_type=client_credentials` (Salesforce, Dynamics, most PRMs).
    case oauthClientCredentials
    /// OAuth 2.0 `grant_type=refresh_token` (HubSpot public apps, Salesforce web flow).
    case oauthRefreshToken
    /// A long-lived bearer token (HubSpot private apps, PartnerStack).
    case bearer
    /// A key sent in a header.
    case apiKey
    /// No authentication (the local sandbox).
    case none

    /// The credential roles this kind reads; all are required.
    public var requiredRoles: [String] {
        switch self {
        case .oauthClientCredentials: ["clientId", "clientSecret"]
        case .oauthRefreshToken: ["clientId", "clientSecret", "refreshToken"]
        case .bearer: ["token"]
        case .apiKey: ["apiKey"]
        case .none: []
        }
    }

    public var needsTokenURL: Bool { self == .oauthClientCredentials || self == .oauthRefreshToken }
}
