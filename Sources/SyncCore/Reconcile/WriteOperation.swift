/// What a planned write does to the remote record.
public enum WriteOperation: String, Sendable, Hashable, Codable, CaseIterable {
    case create
    case update
    case delete
}
