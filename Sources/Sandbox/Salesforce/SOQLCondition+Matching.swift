import Foundation
import SyncCore

extension SOQLCondition {
    /// Whether `record` satisfies this condition, with SOQL's rules: text compares
    /// case-insensitively, `!=` and `NOT IN` include nulls, ordering never matches null.
    func matches(_ record: SandboxRecord, field resolved: SalesforceField) -> Bool {
        let value = resolved.value(of: record)
        let isNull: Bool
        if case .json(.null) = value { isNull = true } else { isNull = false }
        switch op {
        case .in, .notIn:
            let found = values.contains { literal in
                literal == .null ? isNull : (!isNull && Self.compare(value, literal) == .orderedSame)
            }
            return op == .in ? found : !found
        case .equal, .notEqual:
            let literal = values[0]
            let equal = literal == .null ? isNull : (!isNull && Self.compare(value, literal) == .orderedSame)
            return op == .equal ? equal : !equal
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard !isNull, let order = Self.compare(value, values[0]) else { return false }
            switch op {
            case .less: return order == .orderedAscending
            case .lessOrEqual: return order != .orderedDescending
            case .greater: return order == .orderedDescending
            default: return order != .orderedAscending
            }
        }
    }

    /// Nil when the two cannot be compared (different types).
    static func compare(_ value: SOQLValue, _ literal: SOQLLiteral) -> ComparisonResult? {
        switch (value, literal) {
        case let (.time(time), .dateTime(other)), let (.time(time), .date(other)):
            return order(time, other)
        case let (.string(id), .string(text)):
            // Record ids: 15- and 18-character forms name the same record.
            let left = text.count == 15 ? String(id.prefix(15)) : id
            return order(left, text)
        case let (.json(json), _):
            return compare(json, literal)
        default:
            return nil
        }
    }

    private static func compare(_ json: JSONValue, _ literal: SOQLLiteral) -> ComparisonResult? {
        switch (json, literal) {
        case let (.string(text), .string(other)):
            return order(text.lowercased(), other.lowercased())
        case let (.string(text), .dateTime(time)), let (.string(text), .date(time)):
            return SandboxTime.parse(text).map { order($0, time) }
        case let (.string(text), .number(number)):
            return Decimal(string: text).map { order($0, number) }
        case let (.number(value), .number(number)):
            return order(value, number)
        case let (.bool(flag), .bool(other)):
            return flag == other ? .orderedSame : (flag ? .orderedDescending : .orderedAscending)
        default:
            return nil
        }
    }

    private static func order<T: Comparable>(_ left: T, _ right: T) -> ComparisonResult {
        left < right ? .orderedAscending : (left == right ? .orderedSame : .orderedDescending)
    }
}
