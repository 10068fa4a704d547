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
