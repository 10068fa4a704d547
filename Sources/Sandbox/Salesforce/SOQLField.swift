/// A field named in a query, with its column for error messages.
struct SOQLField: Sendable, Equatable {
    var name: String
    /// 1-based column in the query text, for error messages.
    var column: Int
}
