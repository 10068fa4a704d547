/// How the HubSpot CRM v3 stand-in behaves: tokens, limits and object types.
public struct HubSpotConfiguration: Sendable, Hashable {
    /// One object type (`deals`, `contacts`, `companies`).
    public struct Object: Sendable, Hashable {
        public var name: String
        /// Writable properties; nil accepts any name.
        public var properties: [String]?
        /// Properties with unique values (usable as `idProperty` in upserts).
        public var uniqueProperties: [String]
        /// Returned when a request names no properties.
        public var defaultProperties: [String]

        public init(name: String, properties: [String]? = nil, uniqueProperties: [String] = [],
                    defaultProperties: [String] = []) {
            self.name = name
            self.properties = properties
            self.uniqueProperties = uniqueProperties
            self.defaultProperties = defaultProperties
        }

        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .numeric(start: 10_000_000_001), deleteMode: .soft,
                             uniqueFields: uniqueProperties, requiredFields: [],
                             schema: properties.map { Array(Set($0 + uniqueProperties + defaultProperties)).sorted() })
        }
    }

    /// Private-app tokens: never expire.
    public var privateAppTokens = ["pat-sandbox-hubspot"]
    public var clientID = "sandbox-hs-client"
    public var clientSecret = "sandbox-hs-secret"
    public var refreshTokens = ["sandbox-hs-refresh"]
    /// OAuth access tokens live this long (`expires_in`, HubSpot: 30 minutes).
    public var accessTokenLifetimeMilliseconds: Int64 = 1_800_000
    /// Requests per day (by the sandbox clock) before 429 `DAILY`.
    public var dailyLimit = 500_000
    /// Requests per rolling 10 s before 429 `TEN_SECONDLY_ROLLING`; nil does not enforce it
    /// (the default, so a manual clock that stands still does not throttle tests).
    public var burstLimit: Int?
    /// Search requests per second before 429 `SECONDLY`; nil does not enforce it.
    public var searchPerSecond: Int?
    /// Search is eventually consistent on HubSpot: records modified less than this long ago
    /// (by the sandbox clock) are not found by search yet. 0 shows every write at once.
    public var searchLagMilliseconds: Int64 = 0
    /// Search results reachable by paging (HubSpot: 10,000).
    public var searchResultCap = 10_000
    /// `limit` bounds: search 200, list 100, batch inputs 100.
    public var searchPageLimit = 200
    public var listPageLimit = 100
    public var batchLimit = 100
    public var objects: [Object] = HubSpotConfiguration.standardObjects

    public init() {}

    public static let standardObjects: [Object] = [
        Object(name: "deals",
               properties: ["dealname", "amount", "dealstage", "pipeline", "closedate", "description", "hubspot_owner_id",
                            "dealtype", "deal_registration_status", "partner_id", "customer_domain", "customer_email",
                            "registration_decided_at", "registration_expires_at", "decision_reason", "deal_reference"],
               uniqueProperties: ["channelsync_id", "prm_deal_id"],
               defaultProperties: ["dealname", "amount", "closedate", "pipeline", "dealstage"]),
        Object(name: "contacts",
               properties: ["firstname", "lastname", "company", "phone", "jobtitle", "country", "lifecyclestage",
                            "hs_lead_status", "partner_id", "partner_status", "territory", "product_interest"],
               uniqueProperties: ["email", "channelsync_id", "prm_lead_id"],
               defaultProperties: ["firstname", "lastname", "email"]),
        Object(name: "companies",
               properties: ["name", "domain", "industry", "country", "partner_tier"],
               uniqueProperties: ["channelsync_id", "prm_partner_id"],
               defaultProperties: ["name", "domain"]),
    ]
}
