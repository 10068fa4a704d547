import SyncCore

/// A parsed query checked against the object: resolved fields, the index range a
/// `SystemModstamp` window gives, and the remaining conditions.
struct SalesforceQueryPlan: Sendable {
    enum Order: Sendable { case modified, id }

    var object: String
    var fields: [SalesforceField]
    var conditions: [(condition: SOQLCondition, field: SalesforceField)]
    /// Modification-time window from `SystemModstamp`/`LastModifiedDate` comparisons.
    var lowerBound: Int64?
    var upperBound: Int64?
    var order: Order
    var limit: Int?
    /// An `=`/`IN` on an external-id field: answered from the unique index.
    var lookup: (field: String, values: [JSONValue])?

    /// Checks `query` against `definition`; the error is the Salesforce response.
    static func make(_ query: SOQLQuery, text: String, definition: ObjectDefinition) -> Result<SalesforceQueryPlan, SOQLPlanError> {
        var fields: [SalesforceField] = []
        for field in query.fields {
            guard let resolved = SalesforceField.resolve(field.name, in: definition) else {
                return .failure(.invalidField(field, object: definition.name))
            }
            if !fields.contains(resolved) { fields.append(resolved) }
        }
        var plan = SalesforceQueryPlan(object: definition.name, fields: fields, conditions: [], order: .modified,
                                       limit: query.limit)
        for condition in query.conditions {
            guard let resolved = SalesforceField.resolve(condition.field.name, in: definition) else {
                return .failure(.invalidField(condition.field, object: definition.name))
            }
            if resolved == .systemModstamp || resolved == .lastModifiedDate, plan.narrow(with: condition) { continue }
            if plan.lookup == nil, case let .stored(name) = resolved, definition.uniqueFields.contains(name),
               condition.op == .equal || condition.op == .in,
               let values = Self.lookupValues(condition.values) {
                plan.lookup = (name, values)
            }
            plan.conditions.append((condition, resolved))
        }
        let order = query.orderBy.map { SalesforceField.resolve($0.field.name, in: definition) }
        let byTime: (SalesforceField?) -> Bool = { $0 == .systemModstamp || $0 == .lastModifiedDate }
        if query.orderBy.contains(where: \.descending) {
            return .failure(.unsupportedOrder(query.orderBy[0].field))
        } else if order.isEmpty || (order.count == 1 && byTime(order[0])) || (order.count == 2 && byTime(order[0]) && order[1] == .id) {
            plan.order = .modified
        } else if order.count == 1, order[0] == .id {
            plan.order = .id
        } else {
            return .failure(.unsupportedOrder(query.orderBy[0].field))
        }
        return .success(plan)
    }

    /// Folds a time comparison into the window; false when it must stay a condition.
    private mutating func narrow(with condition: SOQLCondition) -> Bool {
        let time: Int64
        switch condition.values.first {
        case let .dateTime(value)?: time = value
        case let .date(value)?: time = value
        default: return false
        }
        switch condition.op {
        case .greater: lowerBound = max(lowerBound ?? .min, time + 1)
        case .greaterOrEqual: lowerBound = max(lowerBound ?? .min, time)
        case .less: upperBound = min(upperBound ?? .max, time - 1)
        case .lessOrEqual: upperBound = min(upperBound ?? .max, time)
        default: return false
        }
        return true
    }

    private static func lookupValues(_ literals: [SOQLLiteral]) -> [JSONValue]? {
        var values: [JSONValue] = []
        for literal in literals {
            switch literal {
            case let .string(text): values.append(.string(text))
            case let .number(number): values.append(.number(number))
            default: return nil
            }
        }
        return values
    }

    func matches(_ record: SandboxRecord) -> Bool {
        if let lowerBound, record.modifiedAt < lowerBound { return false }
        if let upperBound, record.modifiedAt > upperBound { return false }
        return conditions.allSatisfy { $0.condition.matches(record, field: $0.field) }
    }

    /// The ids of every matching record, in the query's order, as of now.
    func matchingIDs(in table: ObjectTable, includeDeleted: Bool) -> [String] {
        let limit = self.limit ?? .max
        if let lookup {
            var seen = Set<String>()
            let found = lookup.values.compactMap { table.lookup(field: lookup.field, value: $0) }
                .filter { seen.insert($0.id).inserted && matches($0) }
            let sorted = order == .id ? found.sorted { $0.sequenceKey < $1.sequenceKey }
                                      : found.sorted { $0.modifiedKey < $1.modifiedKey }
            return sorted.prefix(limit).map(\.id)
        }
        switch order {
        case .modified:
            let index = includeDeleted ? table.byModified : table.liveByModified
            let start = lowerBound.map { index.lowerBound(.floor($0)) } ?? index.startPosition
            let upper = upperBound
            let page = table.scan(index, from: start, stop: { key in upper.map { key.modifiedAt > $0 } ?? false },
                                  limit: limit, includeDeleted: includeDeleted,
                                  where: conditions.isEmpty ? nil : { self.matches($0) })
            return page.records.map(\.id)
        case .id:
            let index = table.bySequence
            return table.scan(index, from: index.startPosition, limit: limit, includeDeleted: includeDeleted,
                              where: { self.matches($0) }).records.map(\.id)
        }
    }
}
