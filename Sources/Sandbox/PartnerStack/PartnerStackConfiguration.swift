/// How the PartnerStack-style stand-in behaves.
public struct PartnerStackConfiguration: Sendable, Hashable {
    public struct Object: Sendable, Hashable {
        /// The path segment: `partnerships`, `customers`, `deals`, `leads`.
        public var name: String
        /// Key prefix of generated keys (`cus_`).
        public var keyPrefix: String
        public var uniqueFields: [String]
        public var requiredFields: [String]

        public init(name: String, keyPrefix: String, uniqueFields: [String] = [], requiredFields: [String] = []) {
            self.name = name
            self.keyPrefix = keyPrefix
            self.uniqueFields = uniqueFields
            self.requiredFields = requiredFields
        }

        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .prefixed(keyPrefix), deleteMode: .hard, uniqueFields: uniqueFields,
                             requiredFields: requiredFields, schema: nil)
        }
    }

    /// Bearer API keys.
    public var apiKeys = ["ps-sandbox-key"]
    /// `limit` bounds and default (PartnerStack: 1–250, default 10).
    public var pageLimit = 250
    public var defaultLimit = 10
    public var objects: [Object] = PartnerStackConfiguration.standardObjects

    public init() {}

    public static let standardObjects: [Object] = [
        Object(name: "partnerships", keyPrefix: "part_", uniqueFields: ["email", "external_key"], requiredFields: ["email"]),
        Object(name: "customers", keyPrefix: "cust_", uniqueFields: ["email", "external_key"], requiredFields: ["email"]),
        Object(name: "deals", keyPrefix: "deal_", uniqueFields: ["external_key"], requiredFields: ["name"]),
        Object(name: "leads", keyPrefix: "lead_", uniqueFields: ["external_key"], requiredFields: ["email"]),
    ]
}
