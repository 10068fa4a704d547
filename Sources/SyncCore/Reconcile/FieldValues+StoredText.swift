/// The stored form of canonical values written straight to bytes: byte for byte what
/// `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) makes of `FieldValues` and
/// `[Value]` through their Codable conformances, without its boxing. A steady cycle
/// writes two of these per shadow it saves and one per record it indexes, and
/// `JSONEncoder` was a tenth of its CPU. Same text, so content hashes and match-key
/// values stored by earlier versions still compare equal.
extension FieldValues {
    /// `{"field":{"string":"x"},…}`: the fields that have a value, keys in byte order.
    public var storedText: String {
        var pairs: [(name: String, value: Value)] = []
        pairs.reserveCapacity(names.count)
        for (name, value) in zip(names, slots) {
            if let value { pairs.append((name, value)) }
        }
        pairs.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(32 * pairs.count + 2)
        out.append(UInt8(ascii: "{"))
        for (offset, pair) in pairs.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            StoredText.string(pair.name, into: &out)
            out.append(UInt8(ascii: ":"))
            pair.value.writeStored(into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension Value {
    /// `[{"string":"x"},null,…]`: a match key's values, as `JSONEncoder` writes `[Value]`.
    public static func storedText(_ values: [Value]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (offset, value) in values.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            value.writeStored(into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `null`, `{"string":"x"}`, `{"number":"12.5"}`, `{"datetime":1714521600000}`, …
    func writeStored(into out: inout [UInt8]) {
        let key: StaticString
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
            return
        case .string: key = "{\"string\":"
        case .date: key = "{\"date\":"
        case .bool: key = "{\"bool\":"
        case .number: key = "{\"number\":"
        case .datetime: key = "{\"datetime\":"
        }
        out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        switch self {
        case .null: break
        case let .string(text), let .date(text): StoredText.string(text, into: &out)
        case let .bool(flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(number): StoredText.string(DecimalText.text(number), into: &out)
        case let .datetime(millis): out.append(contentsOf: String(millis).utf8)
        }
        out.append(UInt8(ascii: "}"))
    }
}
