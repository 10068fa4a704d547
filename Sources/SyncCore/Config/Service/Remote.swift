/// One API endpoint: a CRM org or a partner portal, with how to authenticate and
/// how hard it may be called.
public struct Remote: Sendable, Hashable {
    /// Unique; mappings refer to it (`crm.remote`), logs and metrics label by it.
    public var name: String
    public var dialect: RemoteDialect
    /// Scheme, host and optional base path, without a trailing slash. `https`, or
    /// `http` for loopback hosts only (the local sandbox).
    public var baseURL: String
    public var auth: RemoteAuth
    public var requestBudget: RemoteBudget
    public var timeouts: RemoteTimeouts
    /// Dialect-specific settings (API version, paging, record paths for `rest`),
    /// checked by the connector when it starts. Never secrets: those are refused.
    public var options: [String: JSONValue]

    public init(name: String, dialect: RemoteDialect, baseURL: String, auth: RemoteAuth,
                requestBudget: RemoteBudget = RemoteBudget(), timeouts: RemoteTimeouts = RemoteTimeouts(),
                options: [String: JSONValue] = [:]) {
        self.name = name
        self.dialect = dialect
        self.baseURL = baseURL
        self.auth = auth
        self.requestBudget = requestBudget
        self.timeouts = timeouts
        self.options = options
    }
}

/// Which API family a remote speaks; picks the connector.
public enum RemoteDialect: String, Sendable, Hashable, CaseIterable {
    case salesforce, hubspot, impartner, partnerstack, rest, pipedrive, zoho, dataverse
}
