import SyncCore

/// The record a `.lateCommit` writes.
public struct LateCommit: Sendable, Hashable {
    public var object: String
    /// Update this record; nil creates a new one.
    public var id: String?
    public var fields: [String: JSONValue]
    /// How far before the newest modification time already served (≥ 1 ms).
    public var lagMilliseconds: Int64

    public init(object: String, id: String? = nil, fields: [String: JSONValue], lagMilliseconds: Int64 = 1000) {
        self.object = object
        self.id = id
        self.fields = fields
        self.lagMilliseconds = max(1, lagMilliseconds)
    }
}
