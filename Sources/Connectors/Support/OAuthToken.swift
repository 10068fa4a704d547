/// An access token as a token endpoint issued it. Codable so the daemon can persist it
/// (0600, in the state directory) and skip a token request on restart; its description
/// and mirror never show the token values.
public struct OAuthToken: Sendable, Hashable, Codable {
    public var accessToken: String
    /// Set when the endpoint issued (or rotated) one; kept from the grant otherwise.
    public var refreshToken: String?
    /// Where API calls go when the endpoint says (Salesforce `instance_url`).
    public var instanceURL: String?
    /// Epoch milliseconds after which the token is no good; nil when the endpoint did not
    /// say (Salesforce: sessions end by org policy, detected by `INVALID_SESSION_ID`).
    public var expiresAt: Int64?
    /// Epoch milliseconds when it was issued, by the connector's clock.
    public var issuedAt: Int64

    public init(accessToken: String, refreshToken: String? = nil, instanceURL: String? = nil, expiresAt: Int64? = nil,
                issuedAt: Int64) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.instanceURL = instanceURL
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
    }

    /// True when fewer than `margin` milliseconds of life are left at `now`. A token that
    /// lives shorter than twice the margin is refreshed at half its life instead.
    public func needsRefresh(now: Int64, margin: Int64) -> Bool {
        guard let expiresAt else { return false }
        let lifetime = max(0, expiresAt - issuedAt)
        let effectiveMargin = lifetime < 2 * margin ? lifetime / 2 : margin
        return now >= expiresAt - effectiveMargin
    }
}

extension OAuthToken: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "OAuthToken(accessToken: [REDACTED], refreshToken: \(refreshToken == nil ? "nil" : "[REDACTED]"), instanceURL: \(instanceURL ?? "nil"), expiresAt: \(expiresAt.map(String.init) ?? "nil"))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
