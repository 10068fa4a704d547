import Foundation
import SyncCore
import SyncStore

/// Turns what ops typed after `--value` into canonical value JSON for a conflict:
/// typed like the conflict's own values, checked the way the engine would read it.
enum ResolutionValue {
    static func canonical(_ text: String, for conflict: ConflictRecord) throws -> String {
        if conflict.kind == .ambiguousLink { return JSONWriter.string(.string(text)) }
        if text == "null" { return "null" }
        // Canonical JSON typed by hand: {"number":"12.50"} and friends.
        if text.hasPrefix("{"), case let .object(members)? = try? JSONParser().parse(text), members.count == 1,
           let key = members.keys.first, ["string", "number", "bool", "date", "datetime"].contains(key) {
            return JSONWriter.string(.object(members))
        }
        let kind = [conflict.crmValue, conflict.prmValue, conflict.base].compactMap { $0 }.compactMap(tag).first ?? "string"
        let invalid = { (expected: String) in
            StateError.resolutionNotApplicable(id: conflict.id, reason: "the field holds \(expected); '\(TextTable.printable(text))' is not one")
        }
        let value: JSONValue
        switch kind {
        case "number":
            guard isPlainDecimal(text), let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw invalid("a decimal number such as 12.50")
            }
            value = .string(number.description)
        case "bool":
            guard text == "true" || text == "false" else { throw invalid("true or false") }
            value = .bool(text == "true")
        case "date":
            guard text.count == 10, ISO8601Instant.parse(text) != nil else { throw invalid("a date such as 2024-05-01") }
            value = .string(text)
        case "datetime":
            guard let millis = ISO8601Instant.parse(text) ?? Int64(text) else { throw invalid("an ISO-8601 time") }
            value = .number(Decimal(millis))
        default:
            value = .string(text)
        }
        return JSONWriter.string(.object([kind: value]))
    }

    /// `-?DIGITS(.DIGITS)?`, ASCII only: what a canonical decimal looks like.
    private static func isPlainDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The case name of a canonical value's JSON (`number` for `{"number":"1"}`).
    private static func tag(_ json: String) -> String? {
        guard case let .object(members)? = try? JSONParser().parse(json), members.count == 1 else { return nil }
        return members.keys.first
    }
}
