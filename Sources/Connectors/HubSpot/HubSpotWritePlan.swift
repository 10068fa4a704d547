import SyncCore

/// One write batch sorted into the HubSpot batch calls that carry it.
struct HubSpotWritePlan {
    var upserts: [RecordWrite] = []
    var creates: [RecordWrite] = []
    var updates: [RecordWrite] = []
    var archives: [RecordWrite] = []

    /// Files `write` under its call; returns why it cannot be sent, or nil.
    mutating func add(_ write: RecordWrite, idProperty: String?) -> String? {
        if case .object = write.fields {} else if write.operation != .delete {
            return "the properties to write are not a JSON object"
        }
        let keyed = idProperty != nil && (write.externalId.map { !$0.isEmpty } ?? false)
        switch write.operation {
        case .create:
            if keyed { upserts.append(write) } else { creates.append(write) }
        case .update:
            if let id = write.id, !id.isEmpty {
                updates.append(write)
            } else if keyed {
                upserts.append(write)
            } else {
                return "an update needs the object id or an external id"
            }
        case .delete:
            guard let id = write.id, !id.isEmpty else { return "an archive needs the object id" }
            archives.append(write)
        }
        return nil
    }
}
