/// Orders records the way "changed since" feeds do: by modification time, then id.
struct ModifiedKey: RecordIndexKey, Hashable {
    var modifiedAt: Int64
    var id: String

    static func < (lhs: ModifiedKey, rhs: ModifiedKey) -> Bool {
        lhs.modifiedAt != rhs.modifiedAt ? lhs.modifiedAt < rhs.modifiedAt : lhs.id < rhs.id
    }

    /// Sorts before every key with this time.
    static func floor(_ time: Int64) -> ModifiedKey { ModifiedKey(modifiedAt: time, id: "") }
}
