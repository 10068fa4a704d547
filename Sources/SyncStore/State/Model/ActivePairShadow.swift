/// A record's active link and what that link's shadow holds for the record's side: what
/// a complete scan compares each delivered record with, a page at a time, to tell the
/// (many) unchanged records from the changed ones without reading each pair alone.
public struct ActivePairShadow: Sendable, Hashable {
    public var recordID: String
    public var linkID: String
    /// The shadow's canonical values of the record's side, as the stored JSON text.
    public var values: String
    public var modifiedAt: Int64?

    public init(recordID: String, linkID: String, values: String, modifiedAt: Int64?) {
        self.recordID = recordID
        self.linkID = linkID
        self.values = values
        self.modifiedAt = modifiedAt
    }
}
