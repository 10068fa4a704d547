import Foundation
import SyncCore

/// Canonical values as people read them in summaries: text as is, dates as written,
/// instants in ISO 8601 UTC, empty as `∅`.
enum ValueText {
    static func text(_ value: Value?) -> String {
        switch value {
        case nil, .null?: "∅"
        case let .string(text)?: text
        case let .number(number)?: number.description
        case let .bool(flag)?: flag ? "true" : "false"
        case let .date(date)?: date
        case let .datetime(millis)?: iso(millis)
        }
    }

    private static func iso(_ millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
