/// How the Zoho CRM stand-in behaves; the defaults are the real limits.
public struct ZohoConfiguration: Sendable, Hashable {
    /// One module (`Deals`, `Leads`, …).
    public struct Module: Sendable, Hashable {
        public var name: String
        /// Unique fields (custom fields marked "do not allow duplicates"): usable in
        /// `duplicate_check_fields`.
        public var uniqueFields: [String]
        public var requiredFields: [String]

        public init(name: String, uniqueFields: [String] = [], requiredFields: [String] = []) {
            self.name = name
            self.uniqueFields = uniqueFields
            self.requiredFields = requiredFields
        }

        /// Deleted records go to the recycle bin (soft); ids are 19-digit numbers.
        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .numeric(start: 5_725_767_000_000_000_000), deleteMode: .soft,
                             uniqueFields: uniqueFields, requiredFields: requiredFields)
        }
    }

    public var clientID = "sandbox-zoho-client"
    public var clientSecret = "sandbox-zoho-secret"
    public var refreshTokens = ["sandbox-zoho-refresh"]
    /// Access tokens live an hour (`expires_in: 3600`).
    public var accessTokenLifetimeMilliseconds: Int64 = 3_600_000
    /// `per_page` bound, and the most records `page` numbers reach (beyond: `page_token`).
    public var perPageLimit = 200
    public var pageNumberLimit = 2000
    /// `page_token`s expire a day after they are issued.
    public var pageTokenLifetimeMilliseconds: Int64 = 86_400_000
    /// Records per upsert, update or delete call.
    public var batchLimit = 100
    public var modules: [Module] = ZohoConfiguration.standardModules

    public init() {}

    public static let standardModules: [Module] = [
        Module(name: "Deals", uniqueFields: ["PRM_Deal_Id"], requiredFields: ["Deal_Name"]),
        Module(name: "Leads", uniqueFields: ["PRM_Lead_Id", "Email"], requiredFields: ["Last_Name"]),
        Module(name: "Accounts", uniqueFields: ["PRM_Partner_Id"], requiredFields: ["Account_Name"]),
    ]
}
