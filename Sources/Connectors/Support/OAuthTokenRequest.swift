/// One call to an OAuth 2.0 token endpoint: where, and the form fields sent
/// (`grant_type`, `client_id`, `client_secret`, `refresh_token`, …).
public struct OAuthTokenRequest: Sendable {
    public var endpoint: String
    public var fields: [(name: String, value: String)]
    /// Values in `fields` that must never appear in an error or log line.
    public var secrets: [String]

    public init(endpoint: String, fields: [(name: String, value: String)], secrets: [String]) {
        self.endpoint = endpoint
        self.fields = fields
        self.secrets = secrets
    }

    /// The refresh token sent, if any: kept when the endpoint does not rotate it.
    var refreshToken: String? {
        fields.first { $0.name == "refresh_token" }?.value
    }
}
