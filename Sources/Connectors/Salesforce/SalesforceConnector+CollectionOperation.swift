extension SalesforceConnector {
    /// Which sObject Collections call carries a group of writes.
    enum CollectionOperation {
        case upsert(field: String)
        case update
        case create
        case delete

        var label: String {
            switch self {
            case .upsert: "upsert"
            case .update: "update"
            case .create: "create"
            case .delete: "delete"
            }
        }
    }
}
