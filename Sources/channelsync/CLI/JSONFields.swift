import Foundation
import SyncCore

/// Small constructors for the ops commands' `--json` documents. Keys are written
/// sorted by `JSONWriter`, so a document's bytes are stable.
enum JSONFields {
    static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    static func number(_ value: Int64?) -> JSONValue { value.map { .number(Decimal($0)) } ?? .null }
    static func number(_ value: Int?) -> JSONValue { value.map { .number(Decimal($0)) } ?? .null }

    /// Stored JSON text (changes, payloads, canonical values) embedded as JSON; text
    /// that does not parse is embedded as a string rather than dropped.
    static func embedded(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONParser().parse(text)) ?? .string(text)
    }

    /// One JSON document on one line.
    static func line(_ value: JSONValue) -> String { JSONWriter.string(value) }
}
