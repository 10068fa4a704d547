/// One way to damage a valid response body (or config file): the hostile inputs issue 9
/// names (deep nesting, invalid UTF-8, numbers beyond Double/Decimal, duplicate keys) and
/// plain byte damage (flips, inserts, deletes, truncation). Structural mutations aim at a
/// real spot of the document (a number, a key, a string) so the result is otherwise
/// well-formed and reaches the code past the parser.
enum BodyMutation: String, CaseIterable, Sendable {
    case flipBytes, insertBytes, deleteRange, truncate, empty
    case deepNesting, hugeNumber, longInteger, tinyNumber
    case duplicateKey, invalidUTF8, loneSurrogate, wrongType, byteOrderMark, nul

    static func random(using random: inout FuzzRandom) -> BodyMutation {
        allCases[random.below(allCases.count)]
    }

    /// `body` with this damage done at a random spot.
    func apply(to body: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        let marks = Landmarks(body)
        var bytes = body
        switch self {
        case .flipBytes:
            guard !bytes.isEmpty else { return [0xFF] }
            for _ in 0...random.below(4) {
                bytes[random.below(bytes.count)] ^= UInt8(1 + random.below(255))
            }
        case .insertBytes:
            let alphabet = Array(#"{}[]:,"\-0123456789eE.tfn "#.utf8) + [0x00, 0x0A, 0x7F, 0x80, 0xFF]
            let inserted = (0...random.below(8)).map { _ in alphabet[random.below(alphabet.count)] }
            bytes.insert(contentsOf: inserted, at: random.below(bytes.count + 1))
        case .deleteRange:
            guard !bytes.isEmpty else { return bytes }
            let start = random.below(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + random.below(16)))
        case .truncate:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case .empty:
            bytes = []
        case .deepNesting:
            let depth = [300, 1_000, 10_000, 100_000][random.below(4)]
            let nested = [UInt8](repeating: UInt8(ascii: "["), count: depth) + Array("0".utf8)
                + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
            return marks.replaceValue(in: bytes, with: nested, using: &random)
        case .hugeNumber:
            let huge = ["1e999", "-1e999", "1.7976931348623157e309", "9" + String(repeating: "9", count: 400)][random.below(4)]
            return marks.replaceNumber(in: bytes, with: Array(huge.utf8), using: &random)
        case .longInteger:
            let digits = [30, 39, 60][random.below(3)]
            let integer = (0..<digits).map { index in index == 0 ? "7" : String(random.below(10)) }.joined()
            return marks.replaceNumber(in: bytes, with: Array(integer.utf8), using: &random)
        case .tinyNumber:
            let tiny = ["1e-999", "0.000000000000000000000000000000000000000000001", "-0", "1E+2147483648"][random.below(4)]
            return marks.replaceNumber(in: bytes, with: Array(tiny.utf8), using: &random)
        case .duplicateKey:
            guard let (open, key) = marks.firstKeys.isEmpty ? nil : marks.firstKeys[random.below(marks.firstKeys.count)] else {
                return Array(#"{"id":1,"id":2}"#.utf8)
            }
            bytes.insert(contentsOf: Array("\"".utf8) + key + Array("\":null,".utf8), at: open + 1)
        case .invalidUTF8:
            let sequences: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]
            let sequence = sequences[random.below(sequences.count)]
            let at = marks.stringOpens.isEmpty ? random.below(bytes.count + 1) : marks.stringOpens[random.below(marks.stringOpens.count)] + 1
            bytes.insert(contentsOf: sequence, at: at)
        case .loneSurrogate:
            let escape = [#"\ud800"#, #"\udfff"#, #"\ud800\u0041"#, #"\u00"#][random.below(4)]
            let at = marks.stringOpens.isEmpty ? random.below(bytes.count + 1) : marks.stringOpens[random.below(marks.stringOpens.count)] + 1
            bytes.insert(contentsOf: Array(escape.utf8), at: at)
        case .wrongType:
            let value = ["null", "0", "\"\"", "[]", "{}", "true", "-1", "\"not a number\"", "[{}]"][random.below(9)]
            return marks.replaceValue(in: bytes, with: Array(value.utf8), using: &random)
        case .byteOrderMark:
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        case .nul:
            bytes.insert(0x00, at: random.below(bytes.count + 1))
        }
        return bytes
    }
}

/// Where things are in a JSON (or JSON5) text, found by one scan that knows strings:
/// numbers, member values, string openings, and each object's first key.
private struct Landmarks {
    var numbers: [Range<Int>] = []
    /// Offsets just past a `:` outside strings: where a member's value starts.
    var valueStarts: [Int] = []
    var stringOpens: [Int] = []
    /// An object's `{` offset and its first key's bytes (quoted keys only).
    var firstKeys: [(Int, [UInt8])] = []

    init(_ bytes: [UInt8]) {
        var index = 0
        var lastOpen: Int?
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                stringOpens.append(index)
                let start = index + 1
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if let open = lastOpen, index <= bytes.count {
                    firstKeys.append((open, Array(bytes[start..<min(index, bytes.count)])))
                }
                lastOpen = nil
            case UInt8(ascii: "{"):
                lastOpen = index
            case UInt8(ascii: ":"):
                valueStarts.append(index + 1)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while index + 1 < bytes.count, Self.numberBytes.contains(bytes[index + 1]) { index += 1 }
                numbers.append(start..<(index + 1))
                lastOpen = nil
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                lastOpen = nil
            }
            index += 1
        }
    }

    static let numberBytes = Set("0123456789.eE+-".utf8)

    /// A number replaced by `text`; with no number, a member value.
    func replaceNumber(in bytes: [UInt8], with text: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        guard !numbers.isEmpty else { return replaceValue(in: bytes, with: text, using: &random) }
        var result = bytes
        result.replaceSubrange(numbers[random.below(numbers.count)], with: text)
        return result
    }

    /// A member's value replaced by `value` (the old value stays, under a new key, so the
    /// document is otherwise well-formed); with no member, the whole body wrapped.
    func replaceValue(in bytes: [UInt8], with value: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        guard !valueStarts.isEmpty else { return value }
        var result = bytes
        let at = valueStarts[random.below(valueStarts.count)]
        result.insert(contentsOf: value + Array(#","fuzzMoved":"#.utf8), at: at)
        return result
    }
}
