/// Why a config file is not valid JSON5. Parsing stops at the first one (what
/// follows a syntax error cannot be trusted), so each carries a fix hint.
public struct JSON5SyntaxError: Error, Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The file ends while `expected` is still needed.
        case unexpectedEnd(expected: String)
        case unexpectedCharacter(String, expected: String)
        /// A bare word where a value belongs, e.g. `direction: both`.
        case unquotedValue(String)
        case unterminatedString
        /// A raw line break inside a quoted string.
        case lineBreakInString
        case invalidEscape(String)
        case unterminatedComment
        case invalidNumber(String)
        /// More than 38 significant digits or an exponent beyond ±128.
        case numberOutOfRange(String)
        case tooDeep(limit: Int)
        case invalidUTF8
        case fileTooLarge(bytes: Int, limit: Int)
        case trailingContent
        case empty
    }

    public var reason: Reason
    public var position: SourcePosition

    public init(_ reason: Reason, at position: SourcePosition) {
        self.reason = reason
        self.position = position
    }

    public var message: String { reason.message }
    public var hint: String { reason.hint }
}

extension JSON5SyntaxError.Reason {
    public var message: String {
        switch self {
        case let .unexpectedEnd(expected): "the file ends early: expected \(expected)"
        case let .unexpectedCharacter(found, expected): "unexpected \(found): expected \(expected)"
        case let .unquotedValue(word): "unquoted value '\(word.prefix(40))'"
        case .unterminatedString: "string is not closed"
        case .lineBreakInString: "line break inside a string"
        case let .invalidEscape(escape): "invalid escape '\(escape)' in a string"
        case .unterminatedComment: "comment '/*' is not closed"
        case let .invalidNumber(text): "malformed number '\(text.prefix(40))'"
        case let .numberOutOfRange(text): "number '\(text.prefix(40))' is out of range"
        case let .tooDeep(limit): "nested deeper than \(limit) levels"
        case .invalidUTF8: "the file is not valid UTF-8"
        case let .fileTooLarge(bytes, limit): "the file is \(bytes) bytes; config files are limited to \(limit) bytes"
        case .trailingContent: "more content after the end of the document"
        case .empty: "the file is empty"
        }
    }

    public var hint: String {
        switch self {
        case .unexpectedEnd: "a closing bracket or brace is missing"
        case let .unexpectedCharacter(_, expected) where expected.contains("','"):
            "is a comma missing at the end of the previous line?"
        case .unexpectedCharacter: "check the punctuation just before this point"
        case let .unquotedValue(word): "strings need quotes: \"\(word.prefix(40))\""
        case .unterminatedString: "add the closing quote"
        case .lineBreakInString: "close the quote on the same line, or end the line with a backslash to continue the string"
        case .invalidEscape: "valid escapes: \\n \\t \\r \\b \\f \\v \\0 \\' \\\" \\\\ \\xHH \\uHHHH"
        case .unterminatedComment: "add '*/' where the comment ends"
        case .invalidNumber: "write numbers like 42, -1.5, 0x1F or 2e3 (no leading zeros)"
        case .numberOutOfRange: "use at most 38 significant digits"
        case .tooDeep: "config files nest only a few levels; check for unbalanced brackets"
        case .invalidUTF8: "save the file as UTF-8"
        case .fileTooLarge: "split it, or check that the right file is referenced"
        case .trailingContent: "a file holds one object: remove what follows its closing '}'"
        case .empty: "a config file holds one object: { ... }"
        }
    }
}
