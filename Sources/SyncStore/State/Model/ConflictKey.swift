/// Names a live conflict: one per link, kind and field.
public struct ConflictKey: Sendable, Hashable {
    public var linkID: String
    public var kind: ConflictRecord.Kind
    public var field: String?

    public init(linkID: String, kind: ConflictRecord.Kind = .field, field: String?) {
        self.linkID = linkID
        self.kind = kind
        self.field = field
    }
}
