import Foundation
import Testing
@testable import SyncCore

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesEveryKindOfValue() throws {
        let value = try parser.parse(#" {"a": [1, -2.5, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        #expect(value == .object([
            "a": .array([.number(1), .number(Decimal(string: "-2.5")!), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("d")]),
            "e": .string(""),
        ]))
    }

    @Test func moneyStaysExact() throws {
        // 0.1 + 0.2 style drift is what a Double would introduce.
        #expect(try parser.parse("12345.67") == .number(Decimal(string: "12345.67")!))
        #expect(try parser.parse("0.1") == .number(Decimal(string: "0.1")!))
        #expect(try parser.parse("1e3") == .number(1000))
        #expect(try parser.parse("-0.000001") == .number(Decimal(string: "-0.000001")!))
        #expect(try parser.parse("12345678901234567890123456789012345678") ==
            .number(Decimal(string: "12345678901234567890123456789012345678")!))
        #expect(try parser.parse("1.50000000000000000000000000000000000000000000") == .number(Decimal(string: "1.5")!))
    }

    /// Short numbers are summed in a `UInt64`, long ones read digit by digit: both must
    /// give the same `Decimal`, down to its text (shadows and request bodies print it).
    /// Seeded, printed on failure.
    @Test func shortAndLongNumbersAreBuiltAlike() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SplitMix64(seed: seed)
        for _ in 0..<3000 {
            let count = Int(random.next() % 19)
            var digits = (0..<count).map { _ in UInt8(random.next() % 10) }
            if let first = digits.first, first == 0 { digits[0] = 1 }
            let exponent = Int(random.next() % 300) - 150
            let negative = random.next() % 2 == 0
            let significand = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
            let summed = DecimalText.decimal(significand: significand, digitCount: count, negative: negative, exponent: exponent)
            let listed = DecimalText.decimal(digits: digits, negative: negative, exponent: exponent)
            #expect(summed == listed && summed?.description == listed?.description,
                    "seed \(seed): \(digits) e\(exponent) → \(String(describing: summed)) vs \(String(describing: listed))")
            // And through the parser, with a fraction, an exponent and leading zeros.
            let text = (negative ? "-" : "") + "0.000" + digits.map(String.init).joined() + "0e\(exponent)"
            if count > 0, let listed, let parsed = try? parser.parse(text), case .number(let number) = parsed {
                let shifted = DecimalText.decimal(digits: digits, negative: negative, exponent: exponent - 3 - count)
                #expect(number == shifted && number.description == shifted?.description, "seed \(seed): \(text) vs \(listed)")
            }
        }
        #expect(try parser.parse("123456789012345678") == .number(Decimal(string: "123456789012345678")!))
        #expect(try parser.parse("1234567890123456789") == .number(Decimal(string: "1234567890123456789")!))
        #expect(try parser.parse("-0") == .number(0))
        #expect(try parser.parse("100e125") == .number(Decimal(string: "1e127")!))
        #expect(throws: JSONParseError(.numberOutOfRange, at: 0)) { try parser.parse("1000e126") }
    }

    @Test(arguments: ["1e400", "1e-400", "123456789012345678901234567890123456789"])
    func numbersBeyondDecimalAreRefused(text: String) {
        #expect(throws: JSONParseError(.numberOutOfRange, at: 0)) { try parser.parse(text) }
    }

    @Test(arguments: ["01", "1.", ".5", "-", "+1", "1e", "0x10", "NaN", "Infinity"])
    func malformedNumbersAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        #expect(try parser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test(arguments: [#""\ud83d""#, #""\ude00""#, #""\x""#, #""\u12G4""#])
    func badEscapesAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22] // '"', a broken two-byte sequence, '"'
        #expect(throws: JSONParseError(.invalidUTF8, at: 0)) { try parser.parse(bytes) }
    }

    @Test func duplicateKeysAreRefused() {
        #expect(throws: JSONParseError(.duplicateKey("id"), at: 10)) { try parser.parse(#"{"id": 1, "id": 2}"#) }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError(.tooDeep(limit: 256), at: 256)) { try parser.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try parser.parse(fine) }
    }

    @Test(arguments: ["", "{", "[1,", #"{"a" 1}"#, #"{"a":1,}"#, "[1,]", "tru", "nul", #""abc"#, "{} {}", "\"a\u{01}\""])
    func truncatedOrMalformedDocumentsAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
    }

    @Test func errorDescriptionsNeverQuoteTheBody() {
        do {
            _ = try parser.parse(#"{"token": "canary-secret-123", }"#)
            Issue.record("expected a parse error")
        } catch {
            #expect(!error.description.contains("canary"))
            #expect(error.description.contains("byte"))
        }
    }

    @Test func writerRoundTripsAndSortsKeys() throws {
        let text = #"{"z":[1,2.5,"x\"y\n"],"a":{"b":null,"c":false},"m":"é\u0001"}"#
        let value = try parser.parse(text)
        let written = JSONWriter.string(value)
        #expect(written == #"{"a":{"b":null,"c":false},"m":"é\u0001","z":[1,2.5,"x\"y\n"]}"#)
        #expect(try parser.parse(written) == value)
        // Escapes first, last, side by side and between plain runs (runs are copied whole).
        #expect(JSONWriter.string(.string("\"a\\b\u{1F}\t\rc / é\u{8}\n")) == #""\"a\\b\u001f\t\rc / é\u0008\n""#)
        #expect(JSONWriter.string(.string("")) == #""""#)
    }

    @Test func randomDocumentsRoundTrip() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let value = randomValue(depth: 0, rng: &rng)
            #expect(try parser.parse(JSONWriter.bytes(value)) == value)
        }
    }

    private func randomValue(depth: Int, rng: inout SplitMix64) -> JSONValue {
        switch rng.next() % (depth > 3 ? 4 : 6) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2: return .number(Decimal(Int64(bitPattern: rng.next() % 10_000_000)) / 100)
        case 3: return .string(String((0..<(rng.next() % 8)).map { _ in Character(Unicode.Scalar(UInt8(rng.next() % 94 + 32))) }) + "é")
        case 4: return .array((0..<(rng.next() % 4)).map { _ in randomValue(depth: depth + 1, rng: &rng) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<(rng.next() % 4) { members["k\(index)"] = randomValue(depth: depth + 1, rng: &rng) }
            return .object(members)
        }
    }
}
