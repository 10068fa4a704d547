import Foundation

/// A JSON5 parser (https://spec.json5.org) for config files that keeps what
/// `JSONDecoder.allowsJSON5` throws away: the line and column of every value, the
/// order of keys, and duplicate keys. It accepts comments, trailing commas, single
/// quotes, unquoted keys, hex numbers, `Infinity`/`NaN` (which fields then refuse)
/// and backslash-continued strings.
///
/// Pure and bounded: the input size is capped, nesting is limited (and tracked on an
/// explicit stack, so hostile input cannot exhaust the call stack), invalid UTF-8 is
/// refused with its position, and numbers stay exact decimals.
public enum JSON5Parser {
    /// Config files nest a handful of levels; 256 leaves room and stops abuse.
    public static let defaultMaxDepth = 256
    /// 1 MiB: a large mapping file is a few tens of kilobytes.
    public static let defaultMaxBytes = 1 << 20

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth,
                             maxBytes: Int = defaultMaxBytes) throws(JSON5SyntaxError) -> JSON5Document {
        guard bytes.count <= maxBytes else {
            throw JSON5SyntaxError(.fileTooLarge(bytes: bytes.count, limit: maxBytes), at: SourcePosition(line: 1, column: 1))
        }
        var reader = JSON5Reader(scalars: try decodeUTF8(bytes), maxDepth: maxDepth)
        return try reader.document()
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth,
                             maxBytes: Int = defaultMaxBytes) throws(JSON5SyntaxError) -> JSON5Document {
        try parse(Array(text.utf8), maxDepth: maxDepth, maxBytes: maxBytes)
    }

    /// Unicode scalars of the file, or the position of the first invalid byte.
    static func decodeUTF8(_ bytes: [UInt8]) throws(JSON5SyntaxError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                if scalar == "\n", scalars.last == "\r" {
                    // The CR already started the line.
                } else if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                scalars.append(scalar)
            case .emptyInput:
                return scalars
            case .error:
                throw JSON5SyntaxError(.invalidUTF8, at: SourcePosition(line: line, column: column))
            }
        }
    }
}

/// The parsing state: a cursor over the scalars and the stack of open containers.
private struct JSON5Reader {
    let scalars: [Unicode.Scalar]
    let maxDepth: Int
    var index = 0
    var line = 1
    var column = 1
    var duplicates: [JSON5DuplicateKey] = []

    init(scalars: [Unicode.Scalar], maxDepth: Int) {
        self.scalars = scalars
        self.maxDepth = maxDepth
    }

    /// An open object or array.
    struct Frame {
        let isObject: Bool
        let start: SourcePosition
        var elements: [JSON5Node] = []
        var members: [JSON5Member] = []
        var seen: [String: SourcePosition] = [:]
        /// The key whose value is being parsed; `isDuplicate` drops that value.
        var pendingKey: (key: String, position: SourcePosition, isDuplicate: Bool)?

        var node: JSON5Node {
            JSON5Node(isObject ? .object(members) : .array(elements), at: start)
        }

        mutating func attach(_ value: JSON5Node) {
            if isObject {
                if let pending = pendingKey, !pending.isDuplicate {
                    members.append(JSON5Member(key: pending.key, keyPosition: pending.position, value: value))
                }
                pendingKey = nil
            } else {
                elements.append(value)
            }
        }
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    mutating func advance() {
        let scalar = scalars[index]
        index += 1
        switch scalar {
        case "\n" where index >= 2 && scalars[index - 2] == "\r":
            break // CRLF: the CR already started the line.
        case "\n", "\r", "\u{2028}", "\u{2029}":
            line += 1
            column = 1
        default:
            column += 1
        }
    }

    // MARK: Document and containers

    mutating func document() throws(JSON5SyntaxError) -> JSON5Document {
        try skipTrivia()
        guard peek() != nil else { throw JSON5SyntaxError(.empty, at: position) }
        var stack: [Frame] = []
        var root: JSON5Node?
        value: while root == nil {
            try skipTrivia()
            let start = position
            guard let next = peek() else { throw JSON5SyntaxError(.unexpectedEnd(expected: "a value"), at: position) }
            var completed: JSON5Node
            switch next {
            case "{", "[":
                guard stack.count < maxDepth else { throw JSON5SyntaxError(.tooDeep(limit: maxDepth), at: start) }
                let isObject = next == "{"
                advance()
                stack.append(Frame(isObject: isObject, start: start))
                try skipTrivia()
                if peek() == (isObject ? "}" : "]") {
                    advance()
                    completed = stack.removeLast().node
                } else {
                    if isObject { try memberKey(into: &stack, index: stack.count - 1) }
                    continue value
                }
            default:
                completed = try scalarValue()
            }
            // Attach the finished value to its parent; close parents that end here.
            while true {
                guard !stack.isEmpty else {
                    root = completed
                    continue value
                }
                let top = stack.count - 1
                stack[top].attach(completed)
                try skipTrivia()
                let close: Unicode.Scalar = stack[top].isObject ? "}" : "]"
                let expected = stack[top].isObject ? "',' or '}'" : "',' or ']'"
                guard let separator = peek() else {
                    throw JSON5SyntaxError(.unexpectedEnd(expected: expected), at: position)
                }
                if separator == close {
                    advance()
                    completed = stack.removeLast().node
                    continue
                }
                guard separator == "," else {
                    throw JSON5SyntaxError(.unexpectedCharacter(Self.show(separator), expected: expected), at: position)
                }
                advance()
                try skipTrivia()
                if peek() == close {
                    advance() // trailing comma
                    completed = stack.removeLast().node
                    continue
                }
                if stack[top].isObject { try memberKey(into: &stack, index: top) }
                continue value
            }
        }
        try skipTrivia()
        guard peek() == nil else { throw JSON5SyntaxError(.trailingContent, at: position) }
        return JSON5Document(root: root ?? JSON5Node(.null, at: SourcePosition(line: 1, column: 1)), duplicateKeys: duplicates)
    }

    /// Reads `key :` into the object frame at `index`, noting a duplicate.
    mutating func memberKey(into stack: inout [Frame], index frameIndex: Int) throws(JSON5SyntaxError) {
        let start = position
        guard let next = peek() else { throw JSON5SyntaxError(.unexpectedEnd(expected: "a key or '}'"), at: position) }
        let key: String
        if next == "\"" || next == "'" {
            key = try string()
        } else if Self.isIdentifierStart(next) {
            key = identifier()
        } else {
            throw JSON5SyntaxError(.unexpectedCharacter(Self.show(next), expected: "a key or '}'"), at: start)
        }
        try skipTrivia()
        guard let colon = peek() else { throw JSON5SyntaxError(.unexpectedEnd(expected: "':'"), at: position) }
        guard colon == ":" else {
            throw JSON5SyntaxError(.unexpectedCharacter(Self.show(colon), expected: "':' after the key"), at: position)
        }
        advance()
        var isDuplicate = false
        if let first = stack[frameIndex].seen[key] {
            isDuplicate = true
            duplicates.append(JSON5DuplicateKey(key: key, path: Self.path(of: stack, upTo: frameIndex).appending(key),
                                                position: start, first: first))
        } else {
            stack[frameIndex].seen[key] = start
        }
        stack[frameIndex].pendingKey = (key, start, isDuplicate)
    }

    /// The key path of the value being parsed in the frame at `index`.
    static func path(of stack: [Frame], upTo frameIndex: Int) -> ConfigPath {
        var path = ConfigPath.root
        for frame in stack[..<frameIndex] {
            if frame.isObject {
                path = path.appending(frame.pendingKey?.key ?? "?")
            } else {
                path = path.appending(frame.elements.count)
            }
        }
        return path
    }

    // MARK: Scalars

    mutating func scalarValue() throws(JSON5SyntaxError) -> JSON5Node {
        let start = position
        guard let next = peek() else { throw JSON5SyntaxError(.unexpectedEnd(expected: "a value"), at: start) }
        switch next {
        case "\"", "'":
            return JSON5Node(.string(try string()), at: start)
        case "0"..."9", "-", "+", ".":
            return JSON5Node(.number(try number()), at: start)
        case _ where Self.isIdentifierStart(next):
            let word = identifier()
            switch word {
            case "true": return JSON5Node(.bool(true), at: start)
            case "false": return JSON5Node(.bool(false), at: start)
            case "null": return JSON5Node(.null, at: start)
            case "Infinity", "NaN": return JSON5Node(.number(.nonFinite(word)), at: start)
            default: throw JSON5SyntaxError(.unquotedValue(word), at: start)
            }
        default:
            throw JSON5SyntaxError(.unexpectedCharacter(Self.show(next), expected: "a value"), at: start)
        }
    }

    mutating func number() throws(JSON5SyntaxError) -> JSON5Number {
        let start = position
        var text = ""
        if let sign = peek(), sign == "+" || sign == "-" {
            text.unicodeScalars.append(sign)
            advance()
        }
        if let next = peek(), Self.isIdentifierStart(next) {
            let word = identifier()
            guard word == "Infinity" || word == "NaN" else { throw JSON5SyntaxError(.invalidNumber(text + word), at: start) }
            return .nonFinite(text + word)
        }
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            advance()
            advance()
            var digits = ""
            while let next = peek(), next.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(next)
                advance()
            }
            let written = text + "0x" + digits
            guard !digits.isEmpty, !endsInWordCharacter() else { throw JSON5SyntaxError(.invalidNumber(written), at: start) }
            guard digits.count <= 16, let magnitude = UInt64(digits, radix: 16) else {
                throw JSON5SyntaxError(.numberOutOfRange(written), at: start)
            }
            let value = Decimal(magnitude)
            return .finite(text == "-" ? -value : value, text: written)
        }
        var integerDigits = 0, fractionDigits = 0
        while let next = peek(), ("0"..."9").contains(next) {
            text.unicodeScalars.append(next)
            integerDigits += 1
            advance()
        }
        let leadingZero = integerDigits > 1 && text.unicodeScalars.dropFirst(text.count - integerDigits).first == "0"
        if peek() == "." {
            text += "."
            advance()
            while let next = peek(), ("0"..."9").contains(next) {
                text.unicodeScalars.append(next)
                fractionDigits += 1
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            text.unicodeScalars.append(e)
            advance()
            if let sign = peek(), sign == "+" || sign == "-" {
                text.unicodeScalars.append(sign)
                advance()
            }
            var exponentDigits = 0
            while let next = peek(), ("0"..."9").contains(next) {
                text.unicodeScalars.append(next)
                exponentDigits += 1
                advance()
            }
            guard exponentDigits > 0 else { throw JSON5SyntaxError(.invalidNumber(text), at: start) }
        }
        guard integerDigits + fractionDigits > 0, !leadingZero, !endsInWordCharacter() else {
            throw JSON5SyntaxError(.invalidNumber(text + wordTail()), at: start)
        }
        guard let value = DecimalText.parse(text) else { throw JSON5SyntaxError(.numberOutOfRange(text), at: start) }
        return .finite(value, text: text)
    }

    /// A number glued to letters (`12px`, `1.2.3`) is malformed, not two tokens.
    func endsInWordCharacter() -> Bool {
        guard let next = peek() else { return false }
        return Self.isIdentifierPart(next) || next == "."
    }

    /// The letters glued to a malformed number, for the message.
    mutating func wordTail() -> String {
        var tail = ""
        while let next = peek(), Self.isIdentifierPart(next) || next == ".", tail.count < 20 {
            tail.unicodeScalars.append(next)
            advance()
        }
        return tail
    }

    mutating func string() throws(JSON5SyntaxError) -> String {
        let start = position
        let quote = scalars[index]
        advance()
        var out = String.UnicodeScalarView()
        while true {
            guard let next = peek() else { throw JSON5SyntaxError(.unterminatedString, at: start) }
            switch next {
            case quote:
                advance()
                return String(out)
            case "\n", "\r":
                throw JSON5SyntaxError(.lineBreakInString, at: position)
            case "\\":
                try escape(into: &out)
            default:
                out.append(next)
                advance()
            }
        }
    }

    mutating func escape(into out: inout String.UnicodeScalarView) throws(JSON5SyntaxError) {
        let start = position
        advance()
        guard let code = peek() else { throw JSON5SyntaxError(.unterminatedString, at: start) }
        advance()
        switch code {
        case "\n", "\u{2028}", "\u{2029}":
            break // line continuation
        case "\r":
            if peek() == "\n" { advance() }
        case "b": out.append("\u{08}")
        case "f": out.append("\u{0C}")
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "v": out.append("\u{0B}")
        case "0":
            if let next = peek(), ("0"..."9").contains(next) { throw JSON5SyntaxError(.invalidEscape("\\0\(next)"), at: start) }
            out.append("\u{00}")
        case "1"..."9":
            throw JSON5SyntaxError(.invalidEscape("\\\(code)"), at: start)
        case "x":
            out.append(try hexScalar(digits: 2, escapeStart: start))
        case "u":
            let first = try hexValue(digits: 4, escapeStart: start)
            var value = first
            if (0xD800...0xDBFF).contains(first) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard peek() == "\\", peek(1) == "u" else { throw JSON5SyntaxError(.invalidEscape("\\u lone surrogate"), at: start) }
                advance()
                advance()
                let low = try hexValue(digits: 4, escapeStart: start)
                guard (0xDC00...0xDFFF).contains(low) else { throw JSON5SyntaxError(.invalidEscape("\\u lone surrogate"), at: start) }
                value = 0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw JSON5SyntaxError(.invalidEscape("\\u lone surrogate"), at: start) }
            out.append(scalar)
        default:
            out.append(code) // \' \" \\ and any other character stand for themselves
        }
    }

    mutating func hexScalar(digits: Int, escapeStart: SourcePosition) throws(JSON5SyntaxError) -> Unicode.Scalar {
        let value = try hexValue(digits: digits, escapeStart: escapeStart)
        guard let scalar = Unicode.Scalar(value) else { throw JSON5SyntaxError(.invalidEscape("\\x"), at: escapeStart) }
        return scalar
    }

    mutating func hexValue(digits: Int, escapeStart: SourcePosition) throws(JSON5SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let next = peek(), next.properties.isASCIIHexDigit, let digit = UInt32(String(next), radix: 16) else {
                throw JSON5SyntaxError(.invalidEscape(digits == 2 ? "\\x needs 2 hex digits" : "\\u needs 4 hex digits"), at: escapeStart)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    mutating func identifier() -> String {
        var word = String.UnicodeScalarView()
        while let next = peek(), word.isEmpty ? Self.isIdentifierStart(next) : Self.isIdentifierPart(next) {
            word.append(next)
            advance()
        }
        return String(word)
    }

    // MARK: Whitespace and comments

    mutating func skipTrivia() throws(JSON5SyntaxError) {
        while let next = peek() {
            if Self.isWhitespace(next) {
                advance()
            } else if next == "/", peek(1) == "/" {
                while let inComment = peek(), !Self.isLineTerminator(inComment) { advance() }
            } else if next == "/", peek(1) == "*" {
                let start = position
                advance()
                advance()
                while true {
                    guard peek() != nil else { throw JSON5SyntaxError(.unterminatedComment, at: start) }
                    if peek() == "*", peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    // MARK: Character classes

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}": true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar.properties.isIDStart
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || scalar == "\u{200C}" || scalar == "\u{200D}" || scalar.properties.isIDContinue
    }

    /// A character as a message shows it: `'}'`, or a name for invisible ones.
    static func show(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r", "\u{2028}", "\u{2029}": "a line break"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            "control character U+\(String(scalar.value, radix: 16, uppercase: true))"
        default: "'\(scalar)'"
        }
    }
}
