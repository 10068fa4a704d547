import SyncCore

/// Canonical values and field changes, stored as JSON text, shown to ops:
/// `{"string":"Acme"}` → `Acme`, `{"number":"12.50"}` → `12.50`,
/// `{"datetime":1714557600000}` → `2024-05-01T10:00:00Z`, `null` → `null`, no value → `-`.
enum CanonicalText {
    static func value(_ json: String?) -> String {
        guard let json else { return "-" }
        guard let parsed = try? JSONParser().parse(json) else { return json }
        return value(parsed)
    }

    static func value(_ parsed: JSONValue) -> String {
        switch parsed {
        case .null:
            return "null"
        case let .object(members) where members.count == 1:
            switch (members.first?.key, members.first?.value) {
            case let (_, .string(text)?): return text
            case let ("datetime", .number(number)?):
                return Int64(number.description).map { TimeText.table($0) } ?? number.description
            case let (_, .number(number)?): return number.description
            case let (_, .bool(flag)?): return flag ? "true" : "false"
            default: return JSONWriter.string(parsed)
            }
        default:
            return JSONWriter.string(parsed)
        }
    }

    /// `amount: 10 → 12.50; stage: Open → Won` from a changes array.
    static func changes(_ json: String?) -> String {
        guard let json else { return "" }
        guard case let .array(items)? = try? JSONParser().parse(json) else { return json }
        return items.map { item -> String in
            guard case let .object(change) = item else { return JSONWriter.string(item) }
            let field = if case let .string(name)? = change["field"] { name } else { "?" }
            let before = change["before"].map(value) ?? "-"
            let after = change["after"].map(value) ?? "-"
            return "\(field): \(before) → \(after)"
        }.joined(separator: "; ")
    }
}
