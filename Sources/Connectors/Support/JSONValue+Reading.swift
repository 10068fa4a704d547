import Foundation
import SyncCore

/// Readers over parsed response bodies, named `…Value` to stay clear of other modules'
/// extensions on the same type.
extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// A whole number from a JSON number or a numeric string (HubSpot sends `"after": "200"`).
    var int64Value: Int64? {
        switch self {
        case .number(let number):
            var rounded = Decimal()
            var copy = number
            NSDecimalRound(&rounded, &copy, 0, .plain)
            guard rounded == number, number >= Decimal(Int64.min), number <= Decimal(Int64.max) else { return nil }
            return Int64(exactly: NSDecimalNumber(decimal: number).int64Value)
        case .string(let text):
            return Int64(text)
        default:
            return nil
        }
    }

    /// Text for a scalar: strings as they are, numbers and booleans as JSON writes them.
    public var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let number): DecimalText.text(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null, .array, .object: nil
        }
    }

    subscript(key key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
