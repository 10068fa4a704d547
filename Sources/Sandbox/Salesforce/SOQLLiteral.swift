import Foundation

/// A value on the right of a comparison; dates and date-times as epoch milliseconds.
enum SOQLLiteral: Sendable, Equatable {
    case string(String)
    case number(Decimal)
    case bool(Bool)
    case null
    /// Epoch milliseconds.
    case dateTime(Int64)
    /// Epoch milliseconds of the day's start (UTC).
    case date(Int64)
}
