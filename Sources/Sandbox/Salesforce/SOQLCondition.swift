/// One `field op value` (or `field [NOT] IN (…)`) of a WHERE clause.
struct SOQLCondition: Sendable, Equatable {
    enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case `in` = "IN"
        case notIn = "NOT IN"
    }

    var field: SOQLField
    var op: Operator
    var values: [SOQLLiteral]
}
