/// How the Dynamics 365 / Dataverse stand-in behaves; the defaults follow the real service.
public struct DataverseConfiguration: Sendable, Hashable {
    /// One table, addressed by its entity set name (`opportunities`).
    public struct Table: Sendable, Hashable {
        public var entitySet: String
        /// The primary key attribute (`opportunityid`), a GUID.
        public var primaryKey: String
        /// Alternate keys (one attribute each): usable as `entitySet(attribute='value')`.
        public var alternateKeys: [String]
        /// Attributes with "business required" that a create must carry.
        public var requiredFields: [String]

        public init(entitySet: String, primaryKey: String, alternateKeys: [String] = [], requiredFields: [String] = []) {
            self.entitySet = entitySet
            self.primaryKey = primaryKey
            self.alternateKeys = alternateKeys
            self.requiredFields = requiredFields
        }

        /// Deleted rows stay (soft) until the change log is purged, so delta links can
        /// report them as `$deletedEntity`.
        var definition: ObjectDefinition {
            ObjectDefinition(name: entitySet, idScheme: .guid, deleteMode: .soft, uniqueFields: alternateKeys,
                             requiredFields: requiredFields)
        }
    }

    /// The Entra ID tenant in the token path `/{tenant}/oauth2/v2.0/token`.
    public var tenantID = "sandbox-tenant"
    public var clientID = "sandbox-dataverse-client"
    public var clientSecret = "sandbox-dataverse-secret"
    /// Entra access tokens live about an hour (`expires_in: 3599`).
    public var accessTokenLifetimeMilliseconds: Int64 = 3_599_000
    /// Rows a page holds when the client asks for no `odata.maxpagesize` (and the most it may ask).
    public var maxPageSize = 5000
    /// Requests one `$batch` may carry.
    public var batchLimit = 1000
    /// How long a delta token stays usable (the table's change-log retention); older
    /// tokens answer `410 Gone`, as do tokens from before a purge of the change log.
    public var deltaTokenLifetimeMilliseconds: Int64 = 7 * 86_400_000
    public var tables: [Table] = DataverseConfiguration.standardTables

    public init() {}

    public static let standardTables: [Table] = [
        Table(entitySet: "opportunities", primaryKey: "opportunityid", alternateKeys: ["prm_dealid"], requiredFields: ["name"]),
        Table(entitySet: "leads", primaryKey: "leadid", alternateKeys: ["prm_leadid"], requiredFields: ["lastname"]),
        Table(entitySet: "accounts", primaryKey: "accountid", alternateKeys: ["prm_partnerid"], requiredFields: ["name"]),
    ]

    func table(_ entitySet: String) -> Table? {
        tables.first { $0.entitySet == entitySet }
    }
}
