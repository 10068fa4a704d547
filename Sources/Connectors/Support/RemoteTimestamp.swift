import SyncCore
/// Timestamps as CRM APIs print them, to and from epoch milliseconds.
///
/// Hand-written: a 1,000,000-record pull parses a million modstamps, and `DateFormatter` /
/// `ISO8601DateFormatter` are slow, locale-sensitive and allocate per call.
public enum RemoteTimestamp {
    /// Parses `YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh:mm|±hhmm|±hh)` — Salesforce's
    /// `2024-01-01T00:00:00.000+0000` and ISO 8601 `2024-01-01T00:00:00.000Z` (HubSpot).
    /// Fractions beyond milliseconds are truncated. Nil for anything else, including a
    /// missing zone (a local time would be a guess).
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        func digits(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += count
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), take(0x2D), let month = digits(2), take(0x2D), let day = digits(2),
            take(0x54) || take(0x74), let hour = digits(2), take(0x3A), let minute = digits(2), take(0x3A),
            let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var millis: Int64 = 0
        if take(0x2E) {
            var count = 0
            var scale: Int64 = 100
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                millis += Int64(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
                count += 1
            }
            guard (1...9).contains(count) else { return nil }
        }
        var offsetMinutes: Int64 = 0
        if take(0x5A) || take(0x7A) {
            // UTC
        } else if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            let sign: Int64 = bytes[index] == 0x2D ? -1 : 1
            index += 1
            guard let hours = digits(2), hours < 24 else { return nil }
            var minutes: Int64 = 0
            if index < bytes.count {
                _ = take(0x3A)
                guard let value = digits(2), value < 60 else { return nil }
                minutes = value
            }
            offsetMinutes = sign * (hours * 60 + minutes)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offsetMinutes * 60_000
    }

    /// `2024-01-01T00:00:00Z`: the SOQL dateTime literal, whole seconds (rounded down, so
    /// a `>=` filter never skips the millisecond it came from).
    public static func soqlLiteral(_ milliseconds: Int64) -> String {
        let parts = civil(milliseconds)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))Z"
    }

    /// `2024-01-01T00:00:00.000Z`.
    public static func iso(_ milliseconds: Int64) -> String {
        let parts = civil(milliseconds)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))Z"
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        CalendarDate.days(year: year, month: month, day: day)
    }

    private struct Civil {
        var year, month, day, hour, minute, second, millisecond: Int64
    }

    private static func civil(_ milliseconds: Int64) -> Civil {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 {
            days -= 1
            rest += 86_400_000
        }
        let date = CalendarDate.civil(days: days)
        return Civil(year: date.year, month: date.month, day: date.day,
                     hour: rest / 3_600_000, minute: rest / 60_000 % 60, second: rest / 1000 % 60,
                     millisecond: rest % 1000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension RemoteTimestamp {
    /// `2024-01-01T00:00:00+00:00`: the form Salesforce documents for the `start` and
    /// `end` parameters of the delete feed (whole seconds; the API ignores seconds anyway).
    public static func offsetForm(_ milliseconds: Int64) -> String {
        String(soqlLiteral(milliseconds).dropLast()) + "+00:00"
    }
}
