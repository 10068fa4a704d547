/// Why one field of one record could not be read (native → canonical) or written
/// (canonical → native). The record is reported, never half-synced or silently
/// dropped. Values are quoted only where they are vocabulary (enum values, dates,
/// numbers), never for free text or email addresses (personal data).
public enum FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field has no path, constant or default on that side.
    case notOnSide(field: String, side: Side)
    /// A native value the value map does not know, and there is no fallback.
    case unmappedValue(field: String, side: Side, native: String)
    /// A canonical value the side's value map has no native value for.
    case noNativeValue(field: String, side: Side, canonical: String)
    /// The native JSON has the wrong shape, e.g. an object where a string belongs.
    case wrongType(field: String, side: Side, expected: FieldType, found: String)
    /// The value has the right shape but is not valid for the type; `detail` is safe to log.
    case invalidValue(field: String, side: Side, type: FieldType, detail: String)
    /// An enum value that is not one of the field's canonical values.
    case notCanonical(field: String, side: Side, value: String)

    public var field: String {
        switch self {
        case let .notOnSide(field, _), let .unmappedValue(field, _, _), let .noNativeValue(field, _, _),
             let .wrongType(field, _, _, _), let .invalidValue(field, _, _, _), let .notCanonical(field, _, _):
            field
        }
    }

    public var side: Side {
        switch self {
        case let .notOnSide(_, side), let .unmappedValue(_, side, _), let .noNativeValue(_, side, _),
             let .wrongType(_, side, _, _), let .invalidValue(_, side, _, _), let .notCanonical(_, side, _):
            side
        }
    }

    public var description: String {
        switch self {
        case let .notOnSide(field, side): "field '\(field)' is not mapped on the \(side) side"
        case let .unmappedValue(field, side, native):
            "field '\(field)': \(side) value '\(Self.short(native))' is not in the value map and there is no fallback"
        case let .noNativeValue(field, side, canonical):
            "field '\(field)': canonical value '\(Self.short(canonical))' has no \(side) value in the value map"
        case let .wrongType(field, side, expected, found):
            "field '\(field)': \(side) value is \(found), expected \(expected.rawValue)"
        case let .invalidValue(field, side, type, detail):
            "field '\(field)': \(side) value is not a valid \(type.rawValue): \(detail)"
        case let .notCanonical(field, side, value):
            "field '\(field)': \(side) value '\(Self.short(value))' is not one of the field's canonical values"
        }
    }

    static func short(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
