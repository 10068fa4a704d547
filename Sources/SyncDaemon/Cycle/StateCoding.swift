import Foundation
import SyncCore
import SyncStore

/// How the cycle writes the reconciler's values into the store's JSON text columns and
/// reads them back. One encoding everywhere (sorted keys, canonical `Value` objects), so
/// the same values always give the same text — which match keys rely on.
enum StateCoding {
    /// Text the store can hold, or a `CycleError.state` naming what could not be encoded.
    static func text<T: Encodable>(_ value: T, what: String) throws(CycleError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .state(step: "encode \(what)", reason: String(describing: error))
        }
    }

    /// Decodes text the store holds; a row that does not decode is reported, not guessed at.
    static func value<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(CycleError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .state(step: "decode \(what)", reason: "stored JSON does not decode: \(error)")
        }
    }

    /// A canonical value as JSON text (`null`, `{"string":"x"}`, …), for conflicts.
    static func valueText(_ value: Value?) throws(CycleError) -> String? {
        guard let value else { return nil }
        return try text(value, what: "a canonical value")
    }

    /// A journal entry's field changes, or nil when it has none: the JSON `FieldChange`'s
    /// Codable form gives (`[{"after":…,"before":…,"field":"x"}]`, an absent side left
    /// out), written straight to bytes (`FieldChange.storedText`) — `JSONEncoder` was a
    /// tenth of a steady cycle's CPU, a `JSONValue` tree for `JSONWriter` still 9% of an
    /// initial sync's cycle thread.
    static func changesText(_ changes: [FieldChange]) throws(CycleError) -> String? {
        guard !changes.isEmpty else { return nil }
        return FieldChange.storedText(changes)
    }
}
