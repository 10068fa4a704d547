import Foundation

/// The subset of SOQL connectors send:
///
/// ```
/// SELECT field [, field]* FROM Object
///   [WHERE condition [AND condition]*]
///   [ORDER BY field [ASC] [, field [ASC]]]
///   [LIMIT n]
/// condition := field (= | != | <> | < | <= | > | >=) literal
///            | field [NOT] IN (literal [, literal]*)
/// literal   := 'text' | number | true | false | null
///            | 2024-01-01T00:00:00.000Z | 2024-01-01T00:00:00+00:00 | 2024-01-01
/// ```
/// Keywords are case-insensitive; fields may be dotted (`Account.Name`).
struct SOQLQuery: Sendable, Equatable {
    var fields: [SOQLField]
    var object: String
    var conditions: [SOQLCondition]
    var orderBy: [SOQLOrder]
    var limit: Int?
}

struct SOQLField: Sendable, Equatable {
    var name: String
    /// 1-based column in the query text, for error messages.
    var column: Int
}

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

struct SOQLOrder: Sendable, Equatable {
    var field: SOQLField
    var descending: Bool
}

/// Why a query was refused; becomes `MALFORMED_QUERY` (or `INVALID_FIELD` /
/// `INVALID_TYPE`, which the Salesforce dialect decides after parsing).
struct SOQLError: Error, Sendable, Equatable {
    var message: String
    var column: Int
}
