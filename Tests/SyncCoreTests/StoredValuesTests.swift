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
    /// The journal's changes text is written with `JSONWriter`; it must decode to the same
    /// changes as `FieldChange`'s Codable form.
    @Test func storedJSONOfEveryValueDecodesBackAsCodableReadsIt() throws {
        for (name, value) in Self.values {
            let text = JSONWriter.string(.array([.object(["field": .string(name), "after": value.storedJSON])]))
            let decoded = try JSONDecoder().decode([FieldChange].self, from: Data(text.utf8))
            // Codable reads an explicit null as "no value" (decodeIfPresent).
            #expect(decoded == [FieldChange(field: name, before: nil, after: value == .null ? nil : value)], "\(text)")
            #expect(Value(stored: value.storedJSON) == value)
        }
    }
}
