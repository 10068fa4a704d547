import SyncCore

extension RecordWrite {
    /// The record's native fields as one JSON object, with the other side's id written at
    /// `externalIdPath` (the batch's `externalIdField`) when the write carries one: the
    /// body of a one-record create or update.
    func body(externalIdAt externalIdPath: ResponsePath?) -> JSONValue {
        let fields = self.fields.objectValue.map(JSONValue.object) ?? .object([:])
        guard let externalIdPath, let externalId else { return fields }
        return externalIdPath.write(.string(externalId), into: fields)
    }
}
