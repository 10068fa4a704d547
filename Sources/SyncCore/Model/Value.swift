import Foundation

/// A canonical field value: what both sides' native values are normalized to, and
/// what the reconciler compares. Equal canonical values mean "the sides agree".
public enum Value: Hashable, Sendable {
    case null
    /// string, text, enum, email (lower-cased by normalization), reference.
    case string(String)
    /// decimal and integer.
    case number(Decimal)
    case bool(Bool)
    /// A calendar date, `YYYY-MM-DD`.
    case date(String)
    /// An instant, milliseconds since the Unix epoch, UTC.
    case datetime(Int64)

    /// Null and the empty string both count as empty for `preferNonEmpty`.
    public var isEmpty: Bool {
        switch self {
        case .null: true
        case let .string(text): text.isEmpty
        default: false
        }
    }
}
