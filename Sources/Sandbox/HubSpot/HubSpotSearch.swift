import Foundation
import SyncCore

/// A parsed `POST /crm/v3/objects/{type}/search` body.
struct HubSpotSearch: Sendable {
    enum Operator: String, Sendable {
        case eq = "EQ", neq = "NEQ", lt = "LT", lte = "LTE", gt = "GT", gte = "GTE", between = "BETWEEN"
        case `in` = "IN", notIn = "NOT_IN", hasProperty = "HAS_PROPERTY", notHasProperty = "NOT_HAS_PROPERTY"
    }

    struct Filter: Sendable {
        var property: String
        var op: Operator
        var value: JSONValue?
        var highValue: JSONValue?
        var values: [JSONValue]
    }

    struct Sort: Sendable {
        var property: String
        var descending: Bool
    }

    /// Any group may match; every filter of a group must.
    var groups: [[Filter]]
    var sort: Sort?
    var properties: [String]?
    var limit: Int
    var after: Int

    static let maxGroups = 5
    static let maxFiltersPerGroup = 10
    static let maxFilters = 25

    /// Parses and checks the body; the error is the message of HubSpot's 400.
    static func parse(_ body: [String: JSONValue], pageLimit: Int) throws(HubSpotSearchError) -> HubSpotSearch {
        if body["query"] != nil {
            throw .unsupported("the sandbox's search has no free-text 'query'; use filterGroups")
        }
        var search = HubSpotSearch(groups: [], sort: nil, properties: nil, limit: 10, after: 0)
        if let limit = body["limit"] {
            guard let value = limit.asInt, (1...pageLimit).contains(value) else {
                throw .invalid("limit must be between 1 and \(pageLimit)")
            }
            search.limit = value
        }
        if let after = body["after"], after != .null {
            guard let value = after.asInt, value >= 0 else {
                let shown = after.displayText ?? ""
                throw .invalid("Invalid input JSON on line 1, column 1: Cannot deserialize value of type `int` from String \"\(shown.prefix(80))\": not a valid `int` value")
            }
            search.after = value
        }
        if let properties = body["properties"] {
            search.properties = properties.asArray?.compactMap(\.asString)
        }
        if let sorts = body["sorts"]?.asArray, !sorts.isEmpty {
            guard sorts.count == 1 else { throw .invalid("only one sort is supported") }
            if let text = sorts[0].asString {
                search.sort = Sort(property: text.hasPrefix("-") ? String(text.dropFirst()) : text, descending: text.hasPrefix("-"))
            } else if let object = sorts[0].asObject, let property = object["propertyName"]?.asString {
                let direction = object["direction"]?.asString ?? "ASCENDING"
                guard direction == "ASCENDING" || direction == "DESCENDING" else {
                    throw .invalid("direction must be ASCENDING or DESCENDING, not \(direction)")
                }
                search.sort = Sort(property: property, descending: direction == "DESCENDING")
            } else {
                throw .invalid("a sort needs a propertyName")
            }
        }
        let groups = body["filterGroups"]?.asArray ?? []
        guard groups.count <= maxGroups else { throw .invalid("at most \(maxGroups) filterGroups are allowed") }
        var total = 0
        for group in groups {
            let filters = group.asObject?["filters"]?.asArray ?? []
            guard filters.count <= maxFiltersPerGroup else {
                throw .invalid("at most \(maxFiltersPerGroup) filters are allowed in a filterGroup")
            }
            total += filters.count
            search.groups.append(try filters.map { (filter) throws(HubSpotSearchError) -> Filter in try parseFilter(filter) })
        }
        guard total <= maxFilters else { throw .invalid("at most \(maxFilters) filters are allowed in a search") }
        return search
    }

    private static func parseFilter(_ json: JSONValue) throws(HubSpotSearchError) -> Filter {
        guard let object = json.asObject, let property = object["propertyName"]?.asString else {
            throw .invalid("each filter needs a propertyName")
        }
        let name = object["operator"]?.asString ?? "EQ"
        guard let op = Operator(rawValue: name) else {
            if name.hasSuffix("CONTAINS_TOKEN") { throw .unsupported("the sandbox's search has no \(name)") }
            throw .invalid("\(name) is not a valid operator")
        }
        let filter = Filter(property: property, op: op, value: object["value"], highValue: object["highValue"],
                            values: object["values"]?.asArray ?? [])
        switch op {
        case .in, .notIn:
            guard !filter.values.isEmpty else { throw .invalid("\(name) needs 'values'") }
        case .between:
            guard filter.value != nil, filter.highValue != nil else { throw .invalid("BETWEEN needs 'value' and 'highValue'") }
        case .hasProperty, .notHasProperty: break
        default:
            guard filter.value != nil else { throw .invalid("\(name) needs a 'value'") }
        }
        return filter
    }

    // MARK: - Matching

    func matches(_ record: SandboxRecord) -> Bool {
        groups.isEmpty || groups.contains { group in group.allSatisfy { $0.matches(record) } }
    }

    /// The modification-time window of a single filter group, with the filters left over.
    func modifiedWindow() -> (lower: Int64?, upper: Int64?, rest: [[Filter]]) {
        guard groups.count == 1 else { return (nil, nil, groups) }
        var lower: Int64?
        var upper: Int64?
        var rest: [Filter] = []
        for filter in groups[0] {
            guard filter.property == "hs_lastmodifieddate" || filter.property == "lastmodifieddate",
                  let value = filter.value.flatMap(Self.time) else {
                rest.append(filter)
                continue
            }
            switch filter.op {
            case .gt: lower = max(lower ?? .min, value + 1)
            case .gte: lower = max(lower ?? .min, value)
            case .lt: upper = min(upper ?? .max, value - 1)
            case .lte: upper = min(upper ?? .max, value)
            case .between:
                guard let high = filter.highValue.flatMap(Self.time) else {
                    rest.append(filter)
                    continue
                }
                lower = max(lower ?? .min, value)
                upper = min(upper ?? .max, high)
            default: rest.append(filter)
            }
        }
        return (lower, upper, [rest])
    }

    /// Epoch ms from a number, a numeric string or an ISO 8601 string.
    static func time(_ value: JSONValue) -> Int64? {
        if let number = value.asInt { return Int64(number) }
        if let text = value.asString { return Int64(text) ?? SandboxTime.parse(text) }
        return nil
    }
}
