import Foundation
import SyncCore

extension HubSpotSearch.Filter {
    func matches(_ record: SandboxRecord) -> Bool {
        let isTime = HubSpotProperties.times.contains(property)
        let actual = HubSpotProperties.comparable(property, of: record)
        let present = actual != .null && actual != .string("")
        func order(_ expected: JSONValue) -> ComparisonResult? {
            guard present else { return nil }
            if isTime {
                guard let left = actual.asInt, let right = HubSpotSearch.time(expected) else { return nil }
                return left < right ? .orderedAscending : (left == right ? .orderedSame : .orderedDescending)
            }
            guard let left = actual.displayText, let right = expected.displayText else { return nil }
            if let leftNumber = Decimal(string: left), let rightNumber = Decimal(string: right),
               Double(left) != nil, Double(right) != nil {
                return leftNumber < rightNumber ? .orderedAscending : (leftNumber == rightNumber ? .orderedSame : .orderedDescending)
            }
            return left.lowercased().compare(right.lowercased())
        }
        switch op {
        case .eq: return value.flatMap(order) == .orderedSame
        case .neq: return value.flatMap(order) != .orderedSame
        case .lt: return value.flatMap(order) == .orderedAscending
        case .lte: return [.orderedAscending, .orderedSame].contains(value.flatMap(order))
        case .gt: return value.flatMap(order) == .orderedDescending
        case .gte: return [.orderedDescending, .orderedSame].contains(value.flatMap(order))
        case .between:
            return [.orderedDescending, .orderedSame].contains(value.flatMap(order))
                && [.orderedAscending, .orderedSame].contains(highValue.flatMap(order))
        case .in: return values.contains { order($0) == .orderedSame }
        case .notIn: return !values.contains { order($0) == .orderedSame }
        case .hasProperty: return present
        case .notHasProperty: return !present
        }
    }
}
