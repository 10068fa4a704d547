import Foundation
import Testing
@testable import SyncCore

/// `FieldValues(storedJSON:)` is the fast reader of shadows and the records index: it
/// must give exactly what Foundation's `JSONDecoder` gives for the stored form, and
/// refuse what the decoder refuses.
@Suite struct StoredValuesTests {
    static let values: [String: Value] = [
        "name": .string("Acme \"GmbH\" / Ünïcode ✓ \\ \n tab\t"),
        "empty": .string(""),
        "amount": .number(Decimal(string: "-12345.6789")!),
        "whole": .number(Decimal(string: "42")!),
        "open": .bool(true),
        "closed": .bool(false),
        "close_date": .date("2024-05-01"),
        "touched": .datetime(1_714_521_600_123),
        "before_1970": .datetime(-86_400_000),
        "cleared": .null,
    ]

    @Test func readsWhatTheEncoderWroteLikeJSONDecoder() throws {
        let names = Self.values.keys.sorted()
        let stored = FieldValues(names: names, values: Self.values)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(stored), as: UTF8.self)
        let expected = try JSONDecoder().decode(FieldValues.self, from: Data(text.utf8))
        let fast = try #require(FieldValues(storedJSON: text))
        #expect(fast.names == expected.names)
        #expect(fast.slots == expected.slots)
        #expect(fast.dictionary == Self.values)
    }

    @Test func refusesWhatIsNotTheStoredForm() {
        for text in ["[]", "{\"a\": 1}", "{\"a\": {\"string\": 1}}", "{\"a\": {\"number\": \"1e5\"}}",
                     "{\"a\": {\"datetime\": 1.5}}", "{\"a\": {\"string\": \"x\", \"bool\": true}}",
                     "{\"a\": {\"colour\": \"red\"}}", "{\"a\": ", ""] {
            #expect(FieldValues(storedJSON: text) == nil, "\(text)")
            #expect((try? JSONDecoder().decode(FieldValues.self, from: Data(text.utf8))) == nil, "\(text)")
        }
    }
}

extension StoredValuesTests {
    /// The journal's changes text is written by `FieldChange.storedText`; it must be what
    /// `JSONEncoder` writes for `[FieldChange]` (and so decode to the same changes).
    @Test func changesTextIsWhatJSONEncoderWritesForFieldChanges() throws {
        let names = Self.values.keys.sorted()
        var changes: [FieldChange] = []
        for (index, name) in names.enumerated() {
            let value = Self.values[name]
            let other = Self.values[names[(index + 1) % names.count]]
            changes.append(FieldChange(field: name, before: nil, after: value))
            changes.append(FieldChange(field: name, before: value, after: nil))
            changes.append(FieldChange(field: name, before: other, after: value))
        }
        changes.append(FieldChange(field: "ctrl \u{8}\u{c}\u{1} \"q\"", before: nil, after: nil))
        #expect(FieldChange.storedText(changes) == (try Self.encoderText(changes)))
        #expect(FieldChange.storedText([]) == "[]")
    }

    @Test func aStoredValueReadsBackAsTheValue() throws {
        for value in Self.values.values {
            guard case let .array(elements) = try JSONParser().parse(Value.storedText([value])), let json = elements.first else {
                Issue.record("\(value) did not write as an array of one")
                continue
            }
            #expect(Value(stored: json) == value)
        }
    }
}

extension StoredValuesTests {
    static func encoderText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Shadows, the records index and match keys are written by `storedText`; earlier
    /// versions wrote them with `JSONEncoder`, and match keys are compared as text, so
    /// the two must give the same bytes.
    @Test func storedTextIsWhatJSONEncoderWrites() throws {
        let stored = FieldValues(names: Self.values.keys.sorted().reversed(), values: Self.values)
        #expect(stored.storedText == (try Self.encoderText(stored)))
        let list = Self.values.keys.sorted().compactMap { Self.values[$0] }
        #expect(Value.storedText(list) == (try Self.encoderText(list)))
        #expect(Value.storedText([]) == (try Self.encoderText([Value]())))
    }

    /// Keys in mixed case, digits, non-ASCII; every C0 control, DEL, `/`, quotes and
    /// non-ASCII in values; unset slots. Seeded, printed on failure.
    @Test func storedTextMatchesJSONEncoderOnRandomValues() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = RandomValues(seed: seed, alphabet: "aAbBzZ_09é✓\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}/\\\" ")
        for _ in 0..<300 {
            var values: [String: Value] = [:]
            var names: [String] = []
            for _ in 0..<random.below(6) {
                let name = random.text(1 + random.below(4))
                names.append(name)
                values[name] = random.value(orUnset: true)  // nil: a slot with no value
            }
            let unique = Array(Set(names))
            let stored = FieldValues(names: unique, values: values)
            #expect(stored.storedText == (try Self.encoderText(stored)), "seed \(seed)")
            let list = unique.compactMap { values[$0] }
            #expect(Value.storedText(list) == (try Self.encoderText(list)), "seed \(seed)")
        }
    }
}

extension StoredValuesTests {
    /// The plain-form reader behind `FieldValues(storedJSON:)` must give what parsing the
    /// text gives, on what `storedText` writes and on other spellings of it (white space,
    /// escapes, key order, duplicates, odd numbers), which it leaves to the parser.
    /// Seeded, printed on failure.
    @Test func theQuickReaderAgreesWithTheParser() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = RandomValues(seed: seed, alphabet: "aAbz_09é✓\u{1}\u{A}\u{1F}/\\\" ")
        func same(_ text: String) {
            let quick = FieldValues(storedJSON: text)
            let parsed = FieldValues(parsingStoredJSON: text)
            #expect(quick?.names == parsed?.names && quick?.slots == parsed?.slots, "seed \(seed): \(text)")
        }
        let edits: [(String) -> String] = [
            { $0 }, { $0.replacingOccurrences(of: ":", with: " : ") }, { $0.replacingOccurrences(of: "a", with: "\\u0061") },
            { $0.replacingOccurrences(of: "{", with: "{ ") }, { $0 + " " }, { $0.replacingOccurrences(of: "00}", with: "00.0}") },
            { $0.replacingOccurrences(of: "00}", with: "e2}") }, { $0.replacingOccurrences(of: "\"number\":\"", with: "\"number\":\"0") },
            { $0.replacingOccurrences(of: "1", with: "123456789012345678901") }, { $0.replacingOccurrences(of: "true", with: "tru") },
        ]
        for _ in 0..<300 {
            var values: [String: Value] = [:]
            for _ in 0..<random.below(6) {
                values[random.text(1 + random.below(3))] = random.value(orUnset: false)
            }
            let stored = FieldValues(names: values.keys.sorted(), values: values).storedText
            let read = try #require(FieldValues(storedJSON: stored), "seed \(seed): \(stored)")
            #expect(read.dictionary == values, "seed \(seed): \(stored)")
            for edit in edits { same(edit(stored)) }
        }
        // Out of name order, a repeated name, extremes of the plain integer form.
        for text in [#"{"b":null,"a":{"bool":true}}"#, #"{"a":null,"a":null}"#, #"{"é":null,"e\u0301":null}"#,
                     #"{"t":{"datetime":999999999999999999}}"#, #"{"t":{"datetime":-0}}"#, #"{"t":{"datetime":01}}"#,
                     #"{"t":{"datetime":9223372036854775807}}"#, #"{}"#, #"{"n":{"number":"1.2.3"}}"#,
                     // Past Int64 (a 19-digit number trapped the reader once: overflow, not nil).
                     #"{"t":{"datetime":9999999999999999999}}"#, #"{"t":{"datetime":-9999999999999999999}}"#,
                     #"{"t":{"datetime":9223372036854775808}}"#, #"{"t":{"datetime":123456789012345678901}}"#] {
            same(text)
        }
    }
}

extension StoredValuesTests {
    /// Shadows and records are read straight into a mapping's slot order
    /// (`FieldValues(storedJSON:alignedTo:)`); that must be what reading the text and then
    /// aligning it gives — for the mapping's own text, after a field is added, dropped or
    /// reordered, and for the other spellings the parser decides. Seeded, printed on failure.
    @Test func readingIntoTheMappingsOrderIsReadingThenAligning() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = RandomValues(seed: seed, alphabet: "aAbz_09é✓\u{1}/\\\" ")
        func same(_ text: String, _ names: [String]) {
            let direct = FieldValues(storedJSON: text, alignedTo: names)
            let aligned = FieldValues(storedJSON: text)?.aligned(to: names)
            #expect(direct?.names == aligned?.names && direct?.slots == aligned?.slots, "seed \(seed): \(text) for \(names)")
        }
        for _ in 0..<300 {
            var values: [String: Value] = [:]
            for _ in 0..<random.below(6) {
                values[random.text(1 + random.below(3))] = random.value(orUnset: false)
            }
            var names = Array(values.keys)
            for _ in 0..<random.below(3) { names.append(random.text(4)) }  // new fields
            names = Array(Set(names))
            for index in names.indices.reversed() { names.swapAt(index, random.below(index + 1)) }  // any order
            let stored = FieldValues(names: names, values: values).storedText
            same(stored, names)
            same(stored, Array(names.dropFirst()))  // a field no longer mapped
            same(stored.replacingOccurrences(of: ":", with: " : "), names)
            same(stored.replacingOccurrences(of: "a", with: "\\u0061"), names)
        }
        for text in [#"{"a":null,"a":null}"#, #"{"é":null,"e\u0301":null}"#, #"{"b":null,"a":{"bool":true}}"#,
                     #"{"a":{"bool":true}}x"#, #"{}"#, #"{"a":{"number":"1.2.3"}}"#] {
            same(text, ["a", "b", "é"])
            same(text, ["e\u{301}", "b"])
        }
    }

    /// Read in the mapping's order, the values share the mapping's names array, so the
    /// reconciler's alignment check is a comparison of two buffers.
    @Test func valuesReadInTheMappingsOrderShareItsNames() throws {
        let names = ["stage", "amount", "close_date"]
        let text = FieldValues(names: names, values: ["amount": .number(12), "stage": .string("won")]).storedText
        let read = try #require(FieldValues(storedJSON: text, alignedTo: names))
        #expect(read.slots == [.string("won"), .number(12), nil])
        #expect(read.names.withUnsafeBufferPointer(\.baseAddress) == names.withUnsafeBufferPointer(\.baseAddress))
    }
}

/// Seeded random field names and values for the stored-form tests.
struct RandomValues {
    private var random: SplitMix64
    private let alphabet: [Character]

    init(seed: UInt64, alphabet: String) {
        random = SplitMix64(seed: seed)
        self.alphabet = Array(alphabet)
    }

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    mutating func text(_ length: Int) -> String {
        String((0..<length).map { _ in alphabet[below(alphabet.count)] })
    }

    /// One value of each kind in turn; `orUnset`: sometimes none.
    mutating func value(orUnset: Bool) -> Value? {
        switch below(orUnset ? 7 : 6) {
        case 0: .null
        case 1: .string(text(below(8)))
        case 2: .date(text(3))
        case 3: .bool(random.next() % 2 == 0)
        case 4: .number(Decimal(Int64(bitPattern: random.next()) % 1_000_000) / 100)
        case 5: .datetime(Int64(bitPattern: random.next()) / 1_000)
        default: nil
        }
    }
}
