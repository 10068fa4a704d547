import SyncCore

/// One write batch sorted into the sObject Collections calls that carry it.
struct SalesforceWritePlan {
    var upserts: [RecordWrite] = []
    var updates: [RecordWrite] = []
    var creates: [RecordWrite] = []
    var deletes: [RecordWrite] = []

    /// Files `write` under its call; returns why it cannot be sent, or nil.
    mutating func add(_ write: RecordWrite, externalIdField: String?) -> String? {
        if case .object = write.fields {} else if write.operation != .delete {
            return "the fields to write are not a JSON object"
        }
        let keyed = externalIdField != nil && (write.externalId.map { !$0.isEmpty } ?? false)
        switch write.operation {
        case .create:
            if keyed { upserts.append(write) } else { creates.append(write) }
        case .update:
            if let id = write.id {
                guard Self.isRecordID(id) else { return "'\(id)' is not a Salesforce record id" }
                updates.append(write)
            } else if keyed {
                upserts.append(write)
            } else {
                return "an update needs the record id or an external id"
            }
        case .delete:
            guard let id = write.id else { return "a delete needs the record id" }
            guard Self.isRecordID(id) else { return "'\(id)' is not a Salesforce record id" }
            deletes.append(write)
        }
        return nil
    }

    /// 15 or 18 ASCII letters and digits (so an id cannot break the `ids=` list).
    static func isRecordID(_ id: String) -> Bool {
        (id.utf8.count == 15 || id.utf8.count == 18)
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }
}
