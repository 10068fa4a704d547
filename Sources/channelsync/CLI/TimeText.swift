import SyncCore

/// Epoch milliseconds as ops read them: ISO-8601 UTC.
enum TimeText {
    /// `2024-05-01T10:00:00Z` (seconds): for tables.
    static func table(_ millis: Int64?) -> String {
        guard let millis else { return "-" }
        guard let full = ISO8601Instant.format(millis: millis) else { return String(millis) }
        // Drop the milliseconds: "….000Z" → "Z".
        return String(full.dropLast(5)) + "Z"
    }

    /// `2024-05-01T10:00:00.123Z` (milliseconds): for JSON.
    static func json(_ millis: Int64?) -> JSONValue {
        guard let millis, let text = ISO8601Instant.format(millis: millis) else { return .null }
        return .string(text)
    }

    /// A coarse duration for lag and age: `45s`, `12m`, `3h05m`, `2d04h`.
    static func age(_ millis: Int64) -> String {
        let seconds = max(0, millis / 1_000)
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours)h" + pad(minutes % 60) + "m" }
        return "\(hours / 24)d" + pad(hours % 24) + "h"
    }

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
