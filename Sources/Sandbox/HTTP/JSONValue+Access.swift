import Foundation
import SyncCore

/// Small readers over `JSONValue` for request bodies. (Named `as…` to stay clear of
/// anything SyncCore may add later.)
extension JSONValue {
    var asString: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    var asObject: [String: JSONValue]? {
        if case let .object(members) = self { return members }
        return nil
    }

    var asArray: [JSONValue]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    var asBool: Bool? {
        if case let .bool(flag) = self { return flag }
        return nil
    }

    var asDecimal: Decimal? {
        if case let .number(number) = self { return number }
        return nil
    }

    /// A whole number, from a JSON number or a numeric string.
    var asInt: Int? {
        switch self {
        case let .number(number):
            guard number == number.rounded(0), abs(number) < Decimal(Int.max) else { return nil }
            return NSDecimalNumber(decimal: number).intValue
        case let .string(text): return Int(text)
        default: return nil
        }
    }

    var isNull: Bool { self == .null }

    static func int<I: BinaryInteger>(_ value: I) -> JSONValue { .number(Decimal(Int64(value))) }

    /// The value as text the way string-typed APIs (HubSpot properties) show it.
    var displayText: String? {
        switch self {
        case .null: return nil
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(number): return number.description
        case let .string(text): return text
        case .array, .object: return JSONWriter.string(self)
        }
    }
}

extension Decimal {
    func rounded(_ scale: Int) -> Decimal {
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }
}
