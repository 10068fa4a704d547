import Foundation

/// A strict RFC 8259 parser for remote API bodies, producing `JSONValue`.
///
/// Why not `JSONSerialization`: it turns `12345.67` into a `Double` (money must stay
/// exact), accepts duplicate keys silently, and recurses without a bound. This parser
/// keeps numbers as `Decimal` from their text, refuses duplicates, invalid UTF-8 and
/// nesting beyond `maxDepth`, and never crashes on hostile input.
public struct JSONParser: Sendable {
    /// Deeper documents are refused; vendor APIs nest under 20 levels.
    public var maxDepth: Int

    public init(maxDepth: Int = 256) {
        self.maxDepth = maxDepth
    }

    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var reader = Reader(bytes: buffer, maxDepth: maxDepth)
            reader.skipWhitespace()
            let value = try reader.value(depth: 0)
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw JSONParseError(.trailingData, at: reader.index) }
            return value
        }
    }

    public func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        try parse([UInt8](data))
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    /// The member count of the last object read at each depth: the next object there (the
    /// next record of a page) usually has as many, so its dictionary is made that large at
    /// once instead of growing and rehashing every key on the way.
    var objectSizes: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func peek() throws(JSONParseError) -> UInt8 {
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        return bytes[index]
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case let byte: throw JSONParseError(.unexpectedByte(byte), at: index)
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = index
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            guard bytes[index] == expected else { throw JSONParseError(.unexpectedByte(bytes[start]), at: start) }
            index += 1
        }
    }

    mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        let actual = try peek()
        guard actual == byte else { throw JSONParseError(.unexpectedByte(actual), at: index) }
        index += 1
    }

    mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep(limit: maxDepth), at: index) }
        index += 1
        let expected = depth < objectSizes.count ? objectSizes[depth] : 0
        var members = [String: JSONValue](minimumCapacity: expected)
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            let keyOffset = index
            guard try peek() == UInt8(ascii: "\"") else { throw JSONParseError(.unexpectedByte(bytes[index]), at: index) }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let member = try value(depth: depth)
            guard members.updateValue(member, forKey: key) == nil else {
                throw JSONParseError(.duplicateKey(key), at: keyOffset)
            }
            skipWhitespace()
            let separator = try peek()
            index += 1
            if separator == UInt8(ascii: "}") {
                if depth < 64 {
                    if depth >= objectSizes.count { objectSizes += repeatElement(0, count: depth + 1 - objectSizes.count) }
                    objectSizes[depth] = members.count
                }
                return .object(members)
            }
            guard separator == UInt8(ascii: ",") else { throw JSONParseError(.unexpectedByte(separator), at: index - 1) }
        }
    }

    mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep(limit: maxDepth), at: index) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            let separator = try peek()
            index += 1
            if separator == UInt8(ascii: "]") { return .array(elements) }
            guard separator == UInt8(ascii: ",") else { throw JSONParseError(.unexpectedByte(separator), at: index - 1) }
        }
    }

    mutating func string() throws(JSONParseError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes, one validation pass over the raw bytes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let text = String(validating: raw, as: UTF8.self) else { throw JSONParseError(.invalidUTF8, at: open) }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
            index += 1
        }
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        return try escapedString(open: open, start: start)
    }

    /// The slow path: the string has escapes; decode into a byte buffer, validate once.
    mutating func escapedString(open: Int, start: Int) throws(JSONParseError) -> String {
        var out = [UInt8](bytes[start..<index])
        while true {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw JSONParseError(.invalidUTF8, at: open) }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw JSONParseError(.controlCharacterInString, at: index)
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(JSONParseError) {
        let at = index
        index += 1
        guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(.invalidEscape, at: at)
                }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.invalidEscape, at: at) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw JSONParseError(.invalidEscape, at: at) }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw JSONParseError(.invalidEscape, at: at)
        }
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: index)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Numbers of up to 18 significant digits (all money and ids) are summed in a `UInt64`;
    /// longer ones are read digit by digit. Either way the value is built exactly, by
    /// `DecimalText`.
    mutating func number() throws(JSONParseError) -> Decimal {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var significand: UInt64 = 0
        var count = 0  // significant digits (after leading zeros)
        // Integer part: a single 0, or a non-zero digit followed by digits.
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
        let integerStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw JSONParseError(.invalidNumber, at: start) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { add(bytes[index], to: &significand, &count); index += 1 }
        }
        let integerEnd = index
        var exponent = 0
        var fractionStart = index
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            while index < bytes.count, isDigit(bytes[index]) {
                add(bytes[index], to: &significand, &count)
                exponent -= 1
                index += 1
            }
        }
        let fractionEnd = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            var written = 0
            while index < bytes.count, isDigit(bytes[index]) {
                // Clamp: anything past 10,000 is out of range either way.
                written = min(written * 10 + Int(bytes[index] - UInt8(ascii: "0")), 10_000)
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        let value: Decimal?
        if count <= DecimalText.wholeDigits {
            value = DecimalText.decimal(significand: significand, digitCount: count, negative: negative, exponent: exponent)
        } else {
            var digits = DecimalDigits()
            for offset in integerStart..<integerEnd { digits.append(bytes[offset]) }
            for offset in fractionStart..<fractionEnd { digits.append(bytes[offset]) }
            value = digits.decimal(negative: negative, exponent: exponent)
        }
        guard let value else { throw JSONParseError(.numberOutOfRange, at: start) }
        return value
    }

    /// One more digit of a number, counted once the leading zeros are past; past 18
    /// digits the sum is no longer used.
    private func add(_ ascii: UInt8, to significand: inout UInt64, _ count: inout Int) {
        let digit = UInt64(ascii - UInt8(ascii: "0"))
        if count == 0, digit == 0 { return }
        count += 1
        if count <= DecimalText.wholeDigits { significand = significand * 10 + digit }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// The significant digits of a number, without leading zeros, built into a
/// `Decimal` exactly (no `Double` on the way).
private struct DecimalDigits {
    var digits: [UInt8] = []

    mutating func append(_ ascii: UInt8) {
        let digit = ascii - UInt8(ascii: "0")
        if digits.isEmpty, digit == 0 { return }
        digits.append(digit)
    }

    func decimal(negative: Bool, exponent: Int) -> Decimal? {
        DecimalText.decimal(digits: digits, negative: negative, exponent: exponent)
    }
}
