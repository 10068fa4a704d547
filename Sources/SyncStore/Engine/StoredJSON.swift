import Foundation
import SyncCore

/// The reconciler's Codable types as the JSON text the store keeps: keys sorted, so
/// equal values give equal text (and equal content hashes).
enum StoredJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Canonical values take the fast path (`FieldValues.storedText`): the same text.
    static func encode(_ values: FieldValues) -> String { values.storedText }

    /// A match key's values, by the fast path (`Value.storedText`): the same text.
    static func encode(_ values: [Value]) -> String { Value.storedText(values) }

    /// Journal change texts, by the fast path (`FieldChange.storedText`): the same text,
    /// and the same code as the daemon's journal drafts.
    static func encode(_ changes: [FieldChange]) -> String { FieldChange.storedText(changes) }

    /// Canonical values, laid out for `names`, take the fast path
    /// (`FieldValues(storedJSON:alignedTo:)`).
    static func decodeValues(from text: String, alignedTo names: [String], table: String,
                             column: String) throws -> FieldValues {
        guard let values = FieldValues(storedJSON: text, alignedTo: names) else {
            throw StateError.unreadableRow(table: table, column: column, found: "JSON that is not a FieldValues")
        }
        return values
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, table: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StateError.unreadableRow(table: table, column: column, found: "JSON that is not a \(T.self)")
        }
    }
}
