/// Why a remote's JSON body was refused. Positions are byte offsets into the body;
/// the body itself is never quoted (it may hold personal data or tokens).
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case invalidEscape
        case invalidNumber
        /// A number too large or too precise for `Decimal` (38 significant digits).
        case numberOutOfRange
        case tooDeep(limit: Int)
        case duplicateKey(String)
        case trailingData
        case controlCharacterInString
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEnd: what = "the JSON ends too early"
        case let .unexpectedByte(byte):
            let shown = (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
            what = "unexpected \(shown)"
        case .invalidUTF8: what = "invalid UTF-8"
        case .invalidEscape: what = "invalid escape sequence in a string"
        case .invalidNumber: what = "malformed number"
        case .numberOutOfRange: what = "number out of range (more than 38 significant digits or exponent beyond ±127)"
        case let .tooDeep(limit): what = "nested deeper than \(limit) levels"
        case let .duplicateKey(key): what = "duplicate key '\(key.prefix(64))'"
        case .trailingData: what = "data after the JSON value"
        case .controlCharacterInString: what = "unescaped control character in a string"
        }
        return "invalid JSON at byte \(offset): \(what)"
    }
}
