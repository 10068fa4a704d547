import Foundation
import Testing
@testable import SyncCore

/// The JSON5 parser: every syntax feature admins use, positions of every error,
/// and the guards against hostile input.
@Suite struct ConfigJSON5Tests {
    /// The parsed value without positions; objects as dictionaries, non-finite numbers as strings.
    static func plain(_ node: JSON5Node) -> JSONValue {
        switch node.kind {
        case .null: .null
        case let .bool(flag): .bool(flag)
        case let .number(.finite(value, _)): .number(value)
        case let .number(.nonFinite(text)): .string("#" + text)
        case let .string(text): .string(text)
        case let .array(elements): .array(elements.map(plain))
        case let .object(members): .object(Dictionary(members.map { ($0.key, plain($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        plain(try JSON5Parser.parse(text).root)
    }

    static func number(_ text: String) -> JSONValue { .number(Decimal(string: text)!) }

    @Test(arguments: [
        ("// a comment\n{a: 1}", JSONValue.object(["a": number("1")])),
        ("/* block\n comment */ {a: 1 /* inline */, // tail\n}", .object(["a": number("1")])),
        ("{a: 1, b: [1, 2,],}", .object(["a": number("1"), "b": .array([number("1"), number("2")])])),
        ("{'single': 'has \"double\" inside', \"double\": \"has 'single' inside\"}",
         .object(["single": .string("has \"double\" inside"), "double": .string("has 'single' inside")])),
        ("{unquoted_key: 1, $dollar: 2, _under: 3, ключ: 4, a1: 5}",
         .object(["unquoted_key": number("1"), "$dollar": number("2"), "_under": number("3"), "ключ": number("4"), "a1": number("5")])),
        ("{a: 0x1F, b: -0xff, c: 0XA, d: +0x10}", .object(["a": number("31"), "b": number("-255"), "c": number("10"), "d": number("16")])),
        ("{a: .5, b: 5., c: +1, d: 1e3, e: -2.5E-2, f: 0, g: -0.0}",
         .object(["a": number("0.5"), "b": number("5"), "c": number("1"), "d": number("1000"), "e": number("-0.025"),
                  "f": number("0"), "g": number("0")])),
        ("{a: 'line one \\\nline two', b: \"crlf \\\r\njoined\"}", .object(["a": .string("line one line two"), "b": .string("crlf joined")])),
        ("{a: '\\x41\\u00e9\\t\\'\\\"\\\\\\0\\v\\q'}", .object(["a": .string("Aé\t'\"\\\0\u{0B}q")])),
        ("{a: \"\\uD83D\\uDE00\"}", .object(["a": .string("😀")])),
        ("{a: Infinity, b: -Infinity, c: NaN, d: +Infinity}",
         .object(["a": .string("#Infinity"), "b": .string("#-Infinity"), "c": .string("#NaN"), "d": .string("#+Infinity")])),
        ("\u{FEFF}{\u{A0}a:\u{0B}1\u{0C},\u{2028}b: true, c: false, d: null}",
         .object(["a": number("1"), "b": .bool(true), "c": .bool(false), "d": .null])),
        ("[1, 'two', [], {}]", .array([number("1"), .string("two"), .array([]), .object([:])])),
        ("'just a string'", .string("just a string")),
        ("{amount: 12345678901234567890.123456789}", .object(["amount": number("12345678901234567890.123456789")])),
        ("{a: 'tab\there'}", .object(["a": .string("tab\there")])),
    ])
    func acceptsJSON5Syntax(source: String, expected: JSONValue) throws {
        #expect(try Self.parse(source) == expected)
    }

    @Test func moneyStaysExact() throws {
        let value = try Self.parse("{a: 0.1, b: 0.2, c: 9999999999999999.99}")
        guard case let .object(members) = value, case let .number(a)? = members["a"], case let .number(b)? = members["b"],
              case let .number(c)? = members["c"] else {
            Issue.record("not an object of numbers: \(value)")
            return
        }
        #expect(a + b == Decimal(string: "0.3"))
        #expect(c.description == "9999999999999999.99")
    }

    @Test func keepsKeyOrderAndPositions() throws {
        let document = try JSON5Parser.parse("{\n  zebra: 1,\n  apple: 'x',\n  mango: [true],\n}")
        guard case let .object(members) = document.root.kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["zebra", "apple", "mango"])
        #expect(members.map(\.keyPosition) == [SourcePosition(line: 2, column: 3), SourcePosition(line: 3, column: 3), SourcePosition(line: 4, column: 3)])
        #expect(members[1].value.position == SourcePosition(line: 3, column: 10))
        guard case let .array(elements) = members[2].value.kind else {
            Issue.record("not an array")
            return
        }
        #expect(elements[0].position == SourcePosition(line: 4, column: 11))
    }

    @Test func reportsDuplicateKeysAndKeepsTheFirst() throws {
        let document = try JSON5Parser.parse("{a: 1, b: {c: 1, 'c': 2}, a: 3}")
        #expect(document.duplicateKeys.map(\.key) == ["c", "a"])
        #expect(document.duplicateKeys[0].position == SourcePosition(line: 1, column: 18))
        #expect(document.duplicateKeys[0].first == SourcePosition(line: 1, column: 12))
        #expect(document.duplicateKeys[0].path.description == "b.c")
        #expect(document.duplicateKeys[1].path.description == "a")
        #expect(Self.plain(document.root) == .object(["a": Self.number("1"), "b": .object(["c": Self.number("1")])]))
    }

    // MARK: Errors

    /// Each malformed input with the line and column an editor should jump to.
    @Test(arguments: [
        ("{a: 1", "ends early", 1, 6),
        ("{a: 1 b: 2}", "unexpected 'b'", 1, 7),
        ("{\n  a: 1\n  b: 2\n}", "unexpected 'b'", 3, 3),
        ("{a: both}", "unquoted value 'both'", 1, 5),
        ("{a: \"x\ny\"}", "line break inside a string", 1, 7),
        ("{a: \"abc}", "string is not closed", 1, 5),
        ("{a: 01}", "malformed number '01'", 1, 5),
        ("{a: 1.2.3}", "malformed number", 1, 5),
        ("{a: 12px}", "malformed number '12px'", 1, 5),
        ("{a: 0x}", "malformed number '0x'", 1, 5),
        ("{a: -}", "malformed number '-'", 1, 5),
        ("{a: +Infinit}", "malformed number", 1, 5),
        ("/* open", "comment '/*' is not closed", 1, 1),
        ("{a: '\\1'}", "invalid escape '\\1'", 1, 6),
        ("{a: \"\\u12\"}", "invalid escape", 1, 6),
        ("{a: \"\\uD800\"}", "invalid escape", 1, 6),
        ("{a: 1} x", "more content after the end", 1, 8),
        ("", "the file is empty", 1, 1),
        ("  // only a comment\n", "the file is empty", 2, 1),
        ("{1: 2}", "expected a key or '}'", 1, 2),
        ("{a 1}", "expected ':' after the key", 1, 4),
        ("[1 2]", "expected ',' or ']'", 1, 4),
        ("{a: 1e999}", "out of range", 1, 5),
        ("{a: 123456789012345678901234567890123456789}", "out of range", 1, 5),
        ("{\n  a: 1,\n  b: ,\n}", "unexpected ','", 3, 6),
        ("{\r\n  a: @\r\n}", "unexpected '@'", 2, 6),
        ("{\r  a: @\r}", "unexpected '@'", 2, 6),
        ("{\n\ta: @}", "unexpected '@'", 2, 5),
        ("{\n  // é — ü\n  a: é}", "unquoted value 'é'", 3, 6),
        ("{a: [1, 2}", "unexpected '}'", 1, 10),
        ("{a: 1,, b: 2}", "unexpected ','", 1, 7),
        ("{a: \u{07}}", "control character U+7", 1, 5),
    ])
    func syntaxErrorsCarryLineAndColumn(source: String, message: String, line: Int, column: Int) {
        do {
            let document = try JSON5Parser.parse(source)
            Issue.record("parsed: \(Self.plain(document.root))")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.position == SourcePosition(line: line, column: column), "\(error.position) for \(error.message)")
            #expect(!error.hint.isEmpty)
        }
    }

    @Test func missingCommaHintPointsAtThePreviousLine() {
        #expect(throws: JSON5SyntaxError.self) { try JSON5Parser.parse("{\n  a: 1\n  b: 2\n}") }
        do {
            _ = try JSON5Parser.parse("{\n  a: 1\n  b: 2\n}")
        } catch {
            #expect(error.hint.contains("comma"))
        }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSON5Parser.defaultMaxDepth
        let source = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSON5Parser.parse(source)
    }

    @Test(arguments: [257, 100_000])
    func deepNestingIsRefusedWithoutExhaustingTheStack(depth: Int) {
        let source = String(repeating: "{a:[", count: (depth + 1) / 2) + "1"
        do {
            _ = try JSON5Parser.parse(source)
            Issue.record("accepted nesting of \(depth)")
        } catch {
            #expect(error.reason == .tooDeep(limit: 256))
            #expect(error.position.line == 1)
        }
    }

    @Test func invalidUTF8IsRefusedWithItsPosition() {
        let bytes: [UInt8] = Array("{\n  a: 'ok',\n  b: '".utf8) + [0xC3, 0x28] + Array("'}".utf8)
        do {
            _ = try JSON5Parser.parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.reason == .invalidUTF8)
            #expect(error.position == SourcePosition(line: 3, column: 7))
        }
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        do {
            _ = try JSON5Parser.parse(Array(repeating: UInt8(ascii: " "), count: 101), maxBytes: 100)
            Issue.record("accepted an oversized file")
        } catch {
            #expect(error.reason == .fileTooLarge(bytes: 101, limit: 100))
        }
    }

    @Test func hostileInputNeverCrashes() {
        // Random bytes biased towards JSON5 punctuation; seed printed for replay.
        let seed = ProcessInfo.processInfo.environment["CHANNELSYNC_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("ConfigJSON5Tests.hostileInputNeverCrashes seed=\(seed)")
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("{}[]:,'\"\\/*\n\r\t 0x1e.+-aINfuNtrl\u{00}é".utf8) + [0xFF, 0xC3]
        for _ in 0..<2000 {
            let length = Int(rng.next() % 64)
            let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            _ = try? JSON5Parser.parse(bytes)
        }
    }
}
