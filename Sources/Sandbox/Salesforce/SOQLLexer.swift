import Foundation

/// Splits SOQL text into tokens with their columns.
struct SOQLLexer {
    enum Token: Sendable, Equatable {
        case word(String)
        case string(String)
        case number(Decimal)
        case dateTime(Int64)
        case date(Int64)
        case symbol(String)
        case end
    }

    struct Located: Sendable, Equatable {
        var token: Token
        var column: Int
    }

    static func tokens(_ text: String) throws(SOQLError) -> [Located] {
        let bytes = Array(text.utf8)
        var out: [Located] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let column = index + 1
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if isWordStart(byte) {
                let start = index
                while index < bytes.count, isWordPart(bytes[index]) { index += 1 }
                out.append(Located(token: .word(String(decoding: bytes[start..<index], as: UTF8.self)), column: column))
            } else if byte == UInt8(ascii: "'") {
                out.append(Located(token: .string(try string(bytes, &index)), column: column))
            } else if isDigit(byte) || (byte == UInt8(ascii: "-") && index + 1 < bytes.count && isDigit(bytes[index + 1])) {
                out.append(Located(token: try numberOrDate(bytes, &index), column: column))
            } else {
                let two = index + 1 < bytes.count ? String(decoding: bytes[index...index + 1], as: UTF8.self) : ""
                if ["!=", "<>", "<=", ">="].contains(two) {
                    out.append(Located(token: .symbol(two == "<>" ? "!=" : two), column: column))
                    index += 2
                } else if [",", "(", ")", "=", "<", ">"].contains(Character(Unicode.Scalar(byte))) {
                    out.append(Located(token: .symbol(String(Character(Unicode.Scalar(byte)))), column: column))
                    index += 1
                } else {
                    let shown = byte < 0x80 ? String(Character(Unicode.Scalar(byte))) : "non-ASCII character"
                    throw SOQLError(message: "unexpected token: '\(shown)'", column: column)
                }
            }
        }
        out.append(Located(token: .end, column: bytes.count + 1))
        return out
    }

    private static func string(_ bytes: [UInt8], _ index: inout Int) throws(SOQLError) -> String {
        let column = index + 1
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { break }
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(escaped)
                default: throw SOQLError(message: "Invalid string literal: bad escape sequence", column: index + 1)
                }
                index += 2
            } else if byte == UInt8(ascii: "'") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            } else {
                out.append(byte)
                index += 1
            }
        }
        throw SOQLError(message: "unterminated string literal", column: column)
    }

    /// `123`, `-4.5`, or a date/datetime literal (which starts with four digits and '-').
    private static func numberOrDate(_ bytes: [UInt8], _ index: inout Int) throws(SOQLError) -> Token {
        let start = index
        let column = index + 1
        if index + 4 < bytes.count, bytes[index..<index + 4].allSatisfy(isDigit), bytes[index + 4] == UInt8(ascii: "-") {
            while index < bytes.count, isDateTimePart(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = SandboxTime.parse(text) else {
                throw SOQLError(message: "line 1:\(column - 1) no viable alternative at character '\(text)'", column: column)
            }
            return text.count == 10 ? .date(value) : .dateTime(value)
        }
        index += 1
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              text.filter({ $0 == "." }).count <= 1, !text.hasSuffix(".") else {
            throw SOQLError(message: "unexpected token: '\(text)'", column: column)
        }
        return .number(value)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    static func isWordPart(_ byte: UInt8) -> Bool {
        isWordStart(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    static func isDateTimePart(_ byte: UInt8) -> Bool {
        isDigit(byte) || [UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "T"),
                          UInt8(ascii: "Z"), UInt8(ascii: "+")].contains(byte)
    }
}
