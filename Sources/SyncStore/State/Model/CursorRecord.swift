import SyncCore

/// Where the next pull of one mapping starts on one side.
public struct CursorRecord: Sendable, Hashable {
    public var mapping: String
    public var side: Side
    /// The connector's cursor, as JSON text.
    public var value: String
    /// The newest modification time fully read (epoch ms), for lag in `status`.
    public var highWater: Int64?
    /// When the cursor was last saved (epoch ms).
    public var updatedAt: Int64

    public init(mapping: String, side: Side, value: String, highWater: Int64?, updatedAt: Int64) {
        self.mapping = mapping
        self.side = side
        self.value = value
        self.highWater = highWater
        self.updatedAt = updatedAt
    }
}
