/// One ORDER BY item.
struct SOQLOrder: Sendable, Equatable {
    var field: SOQLField
    var descending: Bool
}
