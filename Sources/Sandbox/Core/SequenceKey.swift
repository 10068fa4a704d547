/// Orders records by creation (which is id order for generated ids).
struct SequenceKey: RecordIndexKey, Hashable {
    var sequence: Int64
    var id: String

    static func < (lhs: SequenceKey, rhs: SequenceKey) -> Bool {
        lhs.sequence != rhs.sequence ? lhs.sequence < rhs.sequence : lhs.id < rhs.id
    }
}
