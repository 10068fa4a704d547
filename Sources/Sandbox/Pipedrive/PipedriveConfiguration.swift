/// How the Pipedrive stand-in behaves; the defaults are the real limits.
public struct PipedriveConfiguration: Sendable, Hashable {
    /// One v2 entity collection (`deals`, `persons`, `organizations`).
    public struct Object: Sendable, Hashable {
        public var name: String
        public var requiredFields: [String]
        /// Whether the entity has a `status` (deals: open, won, lost) and lists deleted
        /// records when `status` names `deleted`.
        public var hasStatus: Bool

        public init(name: String, requiredFields: [String] = [], hasStatus: Bool = false) {
            self.name = name
            self.requiredFields = requiredFields
            self.hasStatus = hasStatus
        }

        /// Pipedrive keeps deleted entities for 30 days (soft), with numeric ids.
        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .numeric(start: 1), deleteMode: .soft, requiredFields: requiredFields)
        }
    }

    /// Personal API tokens (`x-api-token` header or `api_token` query parameter).
    public var apiTokens = ["pd-sandbox-token"]
    public var clientID = "sandbox-pd-client"
    public var clientSecret = "sandbox-pd-secret"
    public var refreshTokens = ["sandbox-pd-refresh"]
    /// OAuth access tokens live this long (Pipedrive: `expires_in` 3599 s).
    public var accessTokenLifetimeMilliseconds: Int64 = 3_599_000
    /// `limit` bounds and default (v2: at most 500, default 100).
    public var pageLimit = 500
    public var defaultLimit = 100
    /// Requests per 2-second window before 429; nil does not enforce it (the default, so
    /// a manual clock that stands still does not throttle tests). Always reported in the
    /// `x-ratelimit-*` headers (80 when nil, the Professional plan's api_token burst).
    public var burstLimit: Int?
    public var objects: [Object] = PipedriveConfiguration.standardObjects

    public init() {}

    public static let standardObjects: [Object] = [
        Object(name: "deals", requiredFields: ["title"], hasStatus: true),
        Object(name: "persons", requiredFields: ["name"]),
        Object(name: "organizations", requiredFields: ["name"]),
    ]
}
