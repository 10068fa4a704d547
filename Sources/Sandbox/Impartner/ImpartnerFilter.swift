import Foundation
import SyncCore

/// The `filter=` and `orderby=` expressions the Impartner-style stand-in understands:
///
/// ```
/// filter  := clause ( and clause )*          (`and` in any case; no `or`, no parentheses)
/// clause  := path op value
/// op      := = | != | <> | > | >= | < | <=   or   eq | ne | gt | ge | lt | le
/// value   := 'text' | "text" | number | true | false | null
///          | 2024-01-01T00:00:00Z (bare or quoted; any ISO 8601 date or date-time)
/// path    := name(.name)*                     e.g. updated, stage.name, company.id
/// orderby := path [asc|desc] ( , path [asc|desc] )*
/// ```
/// `id`, `created` and `updated` are the record's own fields; times compare as instants.
struct ImpartnerFilter: Sendable {
    enum Operator: String, Sendable {
        case eq, ne, gt, ge, lt, le
    }

    struct Clause: Sendable {
        var path: String
        var op: Operator
        var value: JSONValue
    }

    var clauses: [Clause]

    static let symbols: [String: Operator] = ["=": .eq, "==": .eq, "!=": .ne, "<>": .ne, ">": .gt, ">=": .ge,
                                              "<": .lt, "<=": .le]

    static func parse(_ text: String) throws(ImpartnerExpressionError) -> ImpartnerFilter {
        let tokens = try tokenize(text)
        var clauses: [Clause] = []
        var index = 0
        while index < tokens.count {
            guard index + 2 < tokens.count else { throw .invalid("incomplete condition near '\(tokens[index].text)'") }
            let path = tokens[index]
            guard path.kind == .word, isPath(path.text) else { throw .invalid("expected a field name, found '\(path.text)'") }
            let opToken = tokens[index + 1]
            guard let op = symbols[opToken.text] ?? Operator(rawValue: opToken.text.lowercased()) else {
                throw .invalid("unknown operator '\(opToken.text)'")
            }
            clauses.append(Clause(path: path.text, op: op, value: try literal(tokens[index + 2])))
            index += 3
            if index < tokens.count {
                let joiner = tokens[index].text.lowercased()
                guard tokens[index].kind == .word, joiner == "and" else {
                    throw .invalid(joiner == "or" ? "'or' is not supported; combine conditions with 'and'"
                                                  : "expected 'and', found '\(tokens[index].text)'")
                }
                index += 1
                guard index < tokens.count else { throw .invalid("'and' must be followed by a condition") }
            }
        }
        return ImpartnerFilter(clauses: clauses)
    }

    func matches(_ record: SandboxRecord) -> Bool {
        clauses.allSatisfy { $0.matches(record) }
    }

    /// The `updated` window the clauses give, for the ordered index.
    var updatedWindow: (lower: Int64?, upper: Int64?) {
        var lower: Int64?
        var upper: Int64?
        for clause in clauses where clause.path == "updated" {
            guard let time = ImpartnerRecords.time(clause.value) else { continue }
            switch clause.op {
            case .gt: lower = max(lower ?? .min, time + 1)
            case .ge: lower = max(lower ?? .min, time)
            case .lt: upper = min(upper ?? .max, time - 1)
            case .le: upper = min(upper ?? .max, time)
            default: break
            }
        }
        return (lower, upper)
    }

    /// True when the only clauses are `updated` bounds (the index answers alone).
    var isOnlyUpdatedWindow: Bool {
        clauses.allSatisfy { $0.path == "updated" && $0.op != .eq && $0.op != .ne && ImpartnerRecords.time($0.value) != nil }
    }

    // MARK: - Lexing

    struct Token {
        enum Kind { case word, string, symbol }
        var kind: Kind
        var text: String
    }

    static func tokenize(_ text: String) throws(ImpartnerExpressionError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" || character == "\"" {
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == character {
                        // A doubled quote is a literal quote.
                        if index + 1 < characters.count, characters[index + 1] == character {
                            value.append(character)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    value.append(characters[index])
                    index += 1
                }
                guard closed else { throw .invalid("unterminated string") }
                tokens.append(Token(kind: .string, text: value))
            } else if "=!<>".contains(character) {
                var symbol = String(character)
                index += 1
                if index < characters.count, "=>".contains(characters[index]) {
                    symbol.append(characters[index])
                    index += 1
                }
                tokens.append(Token(kind: .symbol, text: symbol))
            } else if character.isLetter || character.isNumber || "_-.:+".contains(character) {
                var word = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber
                        || "_-.:+".contains(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(Token(kind: .word, text: word))
            } else {
                throw .invalid("unexpected character '\(character)'\(character == "(" ? "; parentheses are not supported" : "")")
            }
        }
        return tokens
    }

    static func isPath(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return !text.hasSuffix(".") && !text.contains("..")
    }

    private static func literal(_ token: Token) throws(ImpartnerExpressionError) -> JSONValue {
        switch token.kind {
        case .string: return .string(token.text)
        case .symbol: throw .invalid("expected a value, found '\(token.text)'")
        case .word:
            switch token.text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                if Double(token.text) != nil, let number = Decimal(string: token.text, locale: Locale(identifier: "en_US_POSIX")) {
                    return .number(number)
                }
                if SandboxTime.parse(token.text) != nil { return .string(token.text) }
                throw .invalid("'\(token.text)' is not a value; quote text as 'text'")
            }
        }
    }
}
