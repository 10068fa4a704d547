/// What one side reports about one record in a cycle.
public enum RecordChange: Sendable, Hashable, Codable {
    /// Created or updated: the record as it now is.
    case upserted(CanonicalRecord)
    /// Deleted (archived) on its side at `at`, epoch milliseconds.
    case deleted(id: String, at: Int64)

    public var id: String {
        switch self {
        case let .upserted(record): record.id
        case let .deleted(id, _): id
        }
    }

    public var record: CanonicalRecord? {
        if case let .upserted(record) = self { return record }
        return nil
    }
}
