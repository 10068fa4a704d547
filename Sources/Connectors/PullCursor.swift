/// Where the next pull of one object on one remote starts. Opaque to the engine;
/// the store saves it as JSON and advances it only when every write caused by the
/// pages before it is final.
public struct PullCursor: Codable, Sendable, Hashable {
    /// The highest modification time (epoch ms) fully read. The next pull asks for
    /// changes since `highWater − overlap`, because records can commit with a
    /// modstamp older than one already served.
    public var highWater: Int64?
    /// A dialect's own resume token (Dataverse delta link, …), when it has one.
    public var token: String?
    /// The last time a delete feed was read up to, for dialects with one.
    public var deletesCoveredUntil: Int64?
    /// Records delivered in the overlap window (`highWater − overlap` and later), id →
    /// the modification time delivered. The next pull skips a record read again with the
    /// same time, so the overlap re-read does not deliver it twice; a late commit or a new
    /// edit has another time and passes. Bounded by the connector (oldest dropped first):
    /// a dropped entry only means one record may be delivered again. Nil when empty.
    public var overlapSeen: [String: Int64]?

    public init(highWater: Int64? = nil, token: String? = nil, deletesCoveredUntil: Int64? = nil,
                overlapSeen: [String: Int64]? = nil) {
        self.highWater = highWater
        self.token = token
        self.deletesCoveredUntil = deletesCoveredUntil
        self.overlapSeen = overlapSeen
    }
}
