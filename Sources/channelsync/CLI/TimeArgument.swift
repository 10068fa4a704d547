import SyncCore

/// `--since` / `--until` values: an ISO-8601 instant (`2024-05-01`,
/// `2024-05-01T10:00:00Z`, `…+02:00`) or a duration back from now (`90s`, `15m`,
/// `2h`, `7d`, `1h30m`).
enum TimeArgument {
    static let documentation = "T is ISO-8601 (2024-05-01, 2024-05-01T10:00:00Z, …+02:00) or a duration before now (30s, 15m, 2h, 7d, 1h30m)"

    static func parse(_ text: String, option: String, now: Int64) throws(CLIError) -> Int64 {
        if let instant = ISO8601Instant.parse(text) { return instant }
        if let duration = DurationText.parse(text) {
            let millis = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
            return now - millis
        }
        throw .usage("\(option) takes an ISO-8601 time or a duration such as 2h or 7d, not '\(TextTable.printable(text))'")
    }

    /// A positive duration in milliseconds (`--older-than 90d`, `--interval 2s`).
    static func duration(_ text: String, option: String) throws(CLIError) -> Int64 {
        guard let duration = DurationText.parse(text) else {
            throw .usage("\(option) takes a duration such as 90d, 12h or 500ms, not '\(TextTable.printable(text))'")
        }
        let millis = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        guard millis > 0 else { throw .usage("\(option) must be longer than zero") }
        return millis
    }
}
