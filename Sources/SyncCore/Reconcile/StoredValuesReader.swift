/// Reads the stored form of canonical values exactly as `storedText` writes it — no white
/// space, no escapes, numbers and datetimes in their plain forms — straight from the bytes,
/// without building a `JSONValue` tree first (a cycle reads two of these per linked pair it
/// reconciles). Anything else, even valid JSON, is left to the general reader: `read`
/// returns nil and `FieldValues(storedJSON:)` parses the text instead, so what is read is
/// always what parsing gives.
struct StoredValuesReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The named values in the order written, or nil when the text is not in the plain form.
    static func read(_ text: String) -> [(name: String, value: Value)]? {
        var text = text
        return text.withUTF8 { buffer in
            var reader = StoredValuesReader(bytes: buffer)
            return reader.members()
        }
    }

    /// The values laid out for `names` (a mapping's fields, each named once), or nil when
    /// the text is not in the plain form, names a field twice, or names one that is not in
    /// `names` with the same bytes (a field no longer mapped: the general reader and
    /// `aligned(to:)` decide). Matching names by their bytes builds no name strings and no
    /// dictionary (a cycle does two of these reads per linked pair it reconciles).
    static func read(_ text: String, alignedTo names: [String]) -> [Value?]? {
        var text = text
        return text.withUTF8 { buffer in
            var reader = StoredValuesReader(bytes: buffer)
            return reader.slots(for: names)
        }
    }

    private mutating func slots(for names: [String]) -> [Value?]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var slots = [Value?](repeating: nil, count: names.count)
        if take(UInt8(ascii: "}")) { return index == bytes.count ? slots : nil }
        repeat {
            guard let name = stringBytes(), take(UInt8(ascii: ":")), let value = value(),
                  let slot = slot(of: name, in: names), slots[slot] == nil else { return nil }
            slots[slot] = value
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), index == bytes.count else { return nil }
        return slots
    }

    private func slot(of name: Range<Int>, in names: [String]) -> Int? {
        let wanted = UnsafeBufferPointer(rebasing: bytes[name])
        return names.firstIndex { candidate in
            candidate.utf8.count == wanted.count
                && (candidate.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(wanted) }
                    ?? candidate.utf8.elementsEqual(wanted))
        }
    }

    private mutating func members() -> [(name: String, value: Value)]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var members: [(name: String, value: Value)] = []
        if take(UInt8(ascii: "}")) { return index == bytes.count ? members : nil }
        repeat {
            guard let name = string(), take(UInt8(ascii: ":")), let value = value() else { return nil }
            members.append((name, value))
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), index == bytes.count else { return nil }
        return members
    }

    private mutating func value() -> Value? {
        if take("null") { return .null }
        guard take(UInt8(ascii: "{")), let key = keyword(), take(UInt8(ascii: ":")) else { return nil }
        let value: Value
        switch key {
        case .string:
            guard let text = string() else { return nil }
            value = .string(text)
        case .date:
            guard let text = string() else { return nil }
            value = .date(text)
        case .bool:
            if take("true") { value = .bool(true) } else if take("false") { value = .bool(false) } else { return nil }
        case .number:
            // `Value.decimal` is the general reader's rule too; nil there is nil here.
            guard let text = string(), let number = Value.decimal(text) else { return nil }
            value = .number(number)
        case .datetime:
            guard let millis = integer() else { return nil }
            value = .datetime(millis)
        }
        return take(UInt8(ascii: "}")) ? value : nil
    }

    private enum Keyword { case string, date, bool, number, datetime }

    private mutating func keyword() -> Keyword? {
        if take(#""string""#) { return .string }
        if take(#""number""#) { return .number }
        if take(#""datetime""#) { return .datetime }
        if take(#""date""#) { return .date }
        if take(#""bool""#) { return .bool }
        return nil
    }

    /// A string with no escapes and no control characters, valid UTF-8.
    private mutating func string() -> String? {
        guard let range = stringBytes() else { return nil }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The bytes between the quotes of a string with no escapes and no control characters
    /// (not yet checked to be valid UTF-8).
    private mutating func stringBytes() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// `-?(0|[1-9][0-9]{0,17})` ending where a number must end: a whole number that fits
    /// `Int64` without any rounding question.
    private mutating func integer() -> Int64? {
        let negative = take(UInt8(ascii: "-"))
        let start = index
        var magnitude: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            // A 19th digit may not fit Int64: checked before it is added, not after.
            guard index - start < 18 else { return nil }
            magnitude = magnitude * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        let length = index - start
        guard length > 0, length == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
        return negative ? -magnitude : magnitude
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func take(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }
}
