extension HubSpotConnector {
    /// Which HubSpot batch endpoint carries a group of writes.
    enum BatchOperation {
        case upsert(idProperty: String)
        case create
        case update
        case archive

        var path: String {
            switch self {
            case .upsert: "upsert"
            case .create: "create"
            case .update: "update"
            case .archive: "archive"
            }
        }
    }
}
