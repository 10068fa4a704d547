/// Why a `filter`, `orderby` or `fields` expression was refused.
enum ImpartnerExpressionError: Error {
    case invalid(String)

    var message: String {
        switch self { case let .invalid(message): return message }
    }
}
