/// Parses the SOQL subset of `SOQLQuery`; anything else is a `SOQLError` naming what
/// the sandbox does not support, so a connector change that needs more is noticed.
struct SOQLParser {
    private let tokens: [SOQLLexer.Located]
    private var index = 0

    static func parse(_ text: String) throws(SOQLError) -> SOQLQuery {
        var parser = SOQLParser(tokens: try SOQLLexer.tokens(text))
        return try parser.query()
    }

    private init(tokens: [SOQLLexer.Located]) {
        self.tokens = tokens
    }

    private var current: SOQLLexer.Located { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() { index += 1 }

    private func isKeyword(_ keyword: String) -> Bool {
        if case let .word(word) = current.token { return word.uppercased() == keyword }
        return false
    }

    private mutating func keyword(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        advance()
        return true
    }

    private mutating func expectKeyword(_ keyword: String) throws(SOQLError) {
        guard self.keyword(keyword) else { throw unexpected(expecting: keyword) }
    }

    private mutating func symbol(_ symbol: String) -> Bool {
        guard current.token == .symbol(symbol) else { return false }
        advance()
        return true
    }

    private func unexpected(expecting: String? = nil) -> SOQLError {
        let shown: String
        switch current.token {
        case let .word(word): shown = word
        case let .string(text): shown = "'\(text)'"
        case let .number(number): shown = number.description
        case .dateTime, .date: shown = "date literal"
        case let .symbol(symbol): shown = symbol
        case .end: shown = "<EOF>"
        }
        let suffix = expecting.map { ", expecting \($0)" } ?? ""
        return SOQLError(message: "unexpected token: '\(shown)'\(suffix)", column: current.column)
    }

    private static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "ORDER", "BY", "ASC", "DESC", "LIMIT", "OFFSET",
        "NULLS", "FIRST", "LAST", "LIKE", "GROUP", "HAVING", "WITH", "USING", "TYPEOF", "INCLUDES", "EXCLUDES",
        "TRUE", "FALSE", "NULL", "FOR", "UPDATE", "VIEW", "REFERENCE", "ALL", "ROWS",
    ]

    private mutating func field() throws(SOQLError) -> SOQLField {
        guard case let .word(word) = current.token, !Self.reserved.contains(word.uppercased()) else {
            throw unexpected(expecting: "a field name")
        }
        let column = current.column
        advance()
        if current.token == .symbol("(") {
            throw SOQLError(message: "the sandbox's SOQL subset has no functions such as \(word)()", column: column)
        }
        if word.contains(":") || word.hasSuffix(".") || word.hasPrefix(".") || word.contains("..") {
            throw SOQLError(message: "unexpected token: '\(word)'", column: column)
        }
        return SOQLField(name: word, column: column)
    }

    private mutating func query() throws(SOQLError) -> SOQLQuery {
        try expectKeyword("SELECT")
        if symbol("(") { throw SOQLError(message: "the sandbox's SOQL subset has no subqueries", column: tokens[index - 1].column) }
        var fields = [try field()]
        while symbol(",") {
            if current.token == .symbol("(") {
                throw SOQLError(message: "the sandbox's SOQL subset has no subqueries", column: current.column)
            }
            fields.append(try field())
        }
        try expectKeyword("FROM")
        guard case let .word(object) = current.token, !Self.reserved.contains(object.uppercased()),
              !object.utf8.contains(UInt8(ascii: ".")) else {
            throw unexpected(expecting: "an object name")
        }
        advance()
        var conditions: [SOQLCondition] = []
        if keyword("WHERE") {
            conditions.append(try condition())
            while true {
                if keyword("AND") {
                    conditions.append(try condition())
                } else if isKeyword("OR") {
                    throw SOQLError(message: "the sandbox's SOQL subset joins conditions with AND only, not OR",
                                    column: current.column)
                } else {
                    break
                }
            }
        }
        var orderBy: [SOQLOrder] = []
        if keyword("ORDER") {
            try expectKeyword("BY")
            repeat {
                let field = try field()
                var descending = false
                if keyword("DESC") { descending = true } else { _ = keyword("ASC") }
                if keyword("NULLS") {
                    guard keyword("FIRST") || keyword("LAST") else { throw unexpected(expecting: "FIRST or LAST") }
                }
                orderBy.append(SOQLOrder(field: field, descending: descending))
            } while symbol(",")
        }
        var limit: Int?
        if keyword("LIMIT") {
            guard case let .number(number) = current.token, number >= 0, number == number.rounded(0),
                  let value = Int(number.description) else {
                throw unexpected(expecting: "a whole number")
            }
            limit = value
            advance()
        }
        if isKeyword("OFFSET") {
            throw SOQLError(message: "the sandbox's SOQL subset has no OFFSET; follow nextRecordsUrl", column: current.column)
        }
        guard current.token == .end else { throw unexpected() }
        return SOQLQuery(fields: fields, object: object, conditions: conditions, orderBy: orderBy, limit: limit)
    }

    private mutating func condition() throws(SOQLError) -> SOQLCondition {
        if current.token == .symbol("(") {
            throw SOQLError(message: "the sandbox's SOQL subset has no parenthesised conditions", column: current.column)
        }
        if isKeyword("NOT") {
            throw SOQLError(message: "the sandbox's SOQL subset has no NOT before a condition", column: current.column)
        }
        let field = try field()
        if keyword("NOT") {
            try expectKeyword("IN")
            return SOQLCondition(field: field, op: .notIn, values: try list())
        }
        if keyword("IN") {
            return SOQLCondition(field: field, op: .in, values: try list())
        }
        if isKeyword("LIKE") || isKeyword("INCLUDES") || isKeyword("EXCLUDES") {
            throw SOQLError(message: "the sandbox's SOQL subset has no \(isKeyword("LIKE") ? "LIKE" : "INCLUDES/EXCLUDES")",
                            column: current.column)
        }
        guard case let .symbol(symbol) = current.token,
              let op = SOQLCondition.Operator(rawValue: symbol) else {
            throw unexpected(expecting: "a comparison operator")
        }
        advance()
        return SOQLCondition(field: field, op: op, values: [try literal()])
    }

    private mutating func list() throws(SOQLError) -> [SOQLLiteral] {
        guard symbol("(") else { throw unexpected(expecting: "(") }
        var values = [try literal()]
        while symbol(",") { values.append(try literal()) }
        guard symbol(")") else { throw unexpected(expecting: ")") }
        return values
    }

    private mutating func literal() throws(SOQLError) -> SOQLLiteral {
        let value: SOQLLiteral
        switch current.token {
        case let .string(text): value = .string(text)
        case let .number(number): value = .number(number)
        case let .dateTime(time): value = .dateTime(time)
        case let .date(day): value = .date(day)
        case let .word(word):
            switch word.uppercased() {
            case "TRUE": value = .bool(true)
            case "FALSE": value = .bool(false)
            case "NULL": value = .null
            default:
                throw SOQLError(message: "the sandbox's SOQL subset has no date literal or bind '\(word)'",
                                column: current.column)
            }
        default:
            throw unexpected(expecting: "a value")
        }
        advance()
        return value
    }
}
