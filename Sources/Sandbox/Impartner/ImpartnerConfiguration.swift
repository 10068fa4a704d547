/// How the Impartner-style PRM stand-in behaves.
public struct ImpartnerConfiguration: Sendable, Hashable {
    public struct Object: Sendable, Hashable {
        public var name: String
        /// Top-level writable fields (nested objects such as `company{id,name}` are one
        /// field); nil accepts any.
        public var fields: [String]?
        public var uniqueFields: [String]
        public var requiredFields: [String]

        public init(name: String, fields: [String]? = nil, uniqueFields: [String] = [], requiredFields: [String] = []) {
            self.name = name
            self.fields = fields
            self.uniqueFields = uniqueFields
            self.requiredFields = requiredFields
        }

        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .numeric(start: 1000), deleteMode: .hard, uniqueFields: uniqueFields,
                             requiredFields: requiredFields,
                             schema: fields.map { Array(Set($0 + uniqueFields + requiredFields)).sorted() })
        }
    }

    /// Keys accepted as `Authorization: prm-key <key>` (or `Bearer <key>`).
    public var apiKeys = ["prm-sandbox-key"]
    /// `take` bounds (Impartner pages up to 500).
    public var takeLimit = 500
    public var defaultTake = 100
    public var objects: [Object] = ImpartnerConfiguration.standardObjects

    public init() {}

    public static let standardObjects: [Object] = [
        Object(name: "Deal",
               fields: ["name", "amount", "closeDate", "stage", "company", "partner", "status", "registrationStatus",
                        "decidedAt", "expiresAt", "decisionReason", "customerDomain", "customerEmail", "description",
                        "crmId", "currency"],
               uniqueFields: ["externalId"], requiredFields: ["name"]),
        Object(name: "Lead",
               fields: ["firstName", "lastName", "email", "company", "partner", "status", "phone", "title", "territory",
                        "productInterest", "acceptedAt", "crmId"],
               uniqueFields: ["externalId"], requiredFields: ["lastName"]),
        Object(name: "Account",
               fields: ["name", "website", "tier", "country", "crmId"],
               uniqueFields: ["externalId"], requiredFields: ["name"]),
    ]
}
