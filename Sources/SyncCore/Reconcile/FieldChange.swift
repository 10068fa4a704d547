/// One field in a journal entry. For a write: the target's value before and the
/// value sent. For a decision without a write: the side's last synced value and
/// the value it now holds.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var before: Value?
    public var after: Value?

    public init(field: String, before: Value?, after: Value?) {
        self.field = field
        self.before = before
        self.after = after
    }
}
