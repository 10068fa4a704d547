/// How the awkward generic REST stand-in behaves.
public struct GenericConfiguration: Sendable, Hashable {
    public struct Collection: Sendable, Hashable {
        /// The path segment: `/v1/{name}`.
        public var name: String
        /// Fields whose values must be unique (409 on a duplicate).
        public var uniqueFields: [String]
        /// Fields a create or a PUT must carry (422 otherwise).
        public var requiredFields: [String]

        public init(name: String, uniqueFields: [String] = [], requiredFields: [String] = []) {
            self.name = name
            self.uniqueFields = uniqueFields
            self.requiredFields = requiredFields
        }

        var definition: ObjectDefinition {
            ObjectDefinition(name: name, idScheme: .numeric(start: 1), deleteMode: .hard, uniqueFields: uniqueFields,
                             requiredFields: requiredFields, schema: nil)
        }
    }

    /// Keys accepted as `Authorization: Token <key>`.
    public var apiKeys = ["generic-sandbox-key"]
    /// `limit` above this is silently lowered to it.
    public var pageLimit = 100
    public var defaultLimit = 25
    /// The list splits records by this field: values in `closedValues` go to `closed`,
    /// everything else (missing included) to `open`.
    public var splitField = "status"
    public var closedValues = ["won", "lost", "closed"]
    public var collections: [Collection] = GenericConfiguration.standardCollections

    public init() {}

    public static let standardCollections: [Collection] = [
        Collection(name: "deals", uniqueFields: ["reference"], requiredFields: ["title"]),
        Collection(name: "contacts", uniqueFields: ["email"], requiredFields: ["email"]),
    ]
}
