/// How the Salesforce stand-in behaves: credentials, limits and objects.
public struct SalesforceConfiguration: Sendable, Hashable {
    /// One sObject type.
    public struct Object: Sendable, Hashable {
        public var name: String
        /// The 3-character id prefix (`006` Opportunity, `00Q` Lead, `001` Account).
        public var keyPrefix: String
        /// Writable custom and standard fields; nil accepts any field name.
        public var fields: [String]?
        /// External-id fields: unique, usable in upserts.
        public var externalIDFields: [String]
        /// Fields a create must set (`REQUIRED_FIELD_MISSING` otherwise).
        public var requiredFields: [String]

        public init(name: String, keyPrefix: String, fields: [String]? = nil, externalIDFields: [String] = [],
                    requiredFields: [String] = []) {
            self.name = name
            self.keyPrefix = keyPrefix
            self.fields = fields
            self.externalIDFields = externalIDFields
            self.requiredFields = requiredFields
        }

        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .salesforce(keyPrefix: keyPrefix), deleteMode: .soft,
                             uniqueFields: externalIDFields, requiredFields: requiredFields,
                             schema: fields.map { Array(Set($0 + externalIDFields + requiredFields)).sorted() })
        }
    }

    public var clientID = "sandbox-sf-client"
    public var clientSecret = "sandbox-sf-secret"
    /// Refresh tokens the `refresh_token` grant accepts.
    public var refreshTokens = ["sandbox-sf-refresh"]
    /// Sessions end this long after they were issued (Salesforce's default timeout is 2 h).
    public var sessionLifetimeMilliseconds: Int64 = 7_200_000
    /// API requests per day before 403 `REQUEST_LIMIT_EXCEEDED` (Enterprise starts at 100,000).
    public var dailyAPILimit = 100_000
    /// Rows per query page (Salesforce: up to 2,000; `Sforce-Query-Options: batchSize` can lower it).
    public var queryPageSize = 2000
    /// Records per sObject Collections request.
    public var collectionLimit = 200
    /// Open query cursors kept; older ones answer `INVALID_QUERY_LOCATOR` (Salesforce keeps 10 per user).
    public var openCursorLimit = 10
    public var objects: [Object] = SalesforceConfiguration.standardObjects

    public init() {}

    public static let standardObjects: [Object] = [
        Object(name: "Opportunity", keyPrefix: "006",
               fields: ["Name", "StageName", "CloseDate", "Amount", "AccountId", "Description", "Probability",
                        "Type", "LeadSource", "NextStep", "Partner_Account__c", "Deal_Registration_Status__c",
                        "Registration_Decided_At__c", "Registration_Expires_At__c", "Decision_Reason__c",
                        "Customer_Domain__c", "Customer_Email__c", "Customer_Name__c", "Deal_Reference__c"],
               externalIDFields: ["ChannelSync_Id__c", "PRM_Deal_Id__c"],
               requiredFields: ["Name", "StageName", "CloseDate"]),
        Object(name: "Lead", keyPrefix: "00Q",
               fields: ["FirstName", "LastName", "Company", "Email", "Phone", "Status", "LeadSource", "Title",
                        "Country", "State", "PostalCode", "Partner_Account__c", "Partner_Status__c", "Territory__c",
                        "Product_Interest__c"],
               externalIDFields: ["ChannelSync_Id__c", "PRM_Lead_Id__c"],
               requiredFields: ["LastName", "Company"]),
        Object(name: "Account", keyPrefix: "001",
               fields: ["Name", "Website", "Type", "Industry", "Partner_Tier__c", "BillingCountry"],
               externalIDFields: ["ChannelSync_Id__c", "PRM_Partner_Id__c"],
               requiredFields: ["Name"]),
        Object(name: "Contact", keyPrefix: "003",
               fields: ["FirstName", "LastName", "Email", "Phone", "AccountId", "Title"],
               externalIDFields: ["ChannelSync_Id__c"],
               requiredFields: ["LastName"]),
    ]
}
