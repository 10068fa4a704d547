import SyncCore
/// Epoch-millisecond timestamps as the vendor APIs print and parse them.
///
/// Written by hand (civil-from-days arithmetic) rather than with `DateFormatter`:
/// a page of 2,000 records formats thousands of stamps, and the formatter is slow and
/// locale-sensitive.
public enum SandboxTime {
    /// Salesforce's form: `2024-01-01T00:00:00.000+0000`.
    public static func salesforce(_ milliseconds: Int64) -> String {
        format(milliseconds, zone: "+0000")
    }

    /// ISO 8601 in UTC with milliseconds: `2024-01-01T00:00:00.000Z` (HubSpot, Impartner).
    public static func iso(_ milliseconds: Int64) -> String {
        format(milliseconds, zone: "Z")
    }

    /// Whole seconds, rounded down, with `zone` as written: `2024-01-01T00:00:00Z`
    /// (Pipedrive), `2024-01-01T00:00:00+00:00` (Zoho).
    public static func wholeSeconds(_ milliseconds: Int64, zone: String = "Z") -> String {
        let text = format(milliseconds - floorDivide(milliseconds, 1000).remainder, zone: "")
        return String(text.dropLast(4)) + zone
    }

    /// The date alone: `2024-01-01`.
    public static func date(_ milliseconds: Int64) -> String {
        let (days, _) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:MM]|±HHMM]` into epoch
    /// milliseconds (UTC when no zone is given). Nil for anything else.
    public static func parse<S: StringProtocol>(_ text: S) -> Int64? {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.take(UInt8(ascii: "-")),
              let month = reader.number(digits: 2), reader.take(UInt8(ascii: "-")),
              let day = reader.number(digits: 2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if reader.atEnd { return days * 86_400_000 }
        guard reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: " ")),
              let hour = reader.number(digits: 2), reader.take(UInt8(ascii: ":")),
              let minute = reader.number(digits: 2), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        var millisecond: Int64 = 0
        if reader.take(UInt8(ascii: ":")) {
            guard let value = reader.number(digits: 2), value < 60 else { return nil }
            second = value
            if reader.take(UInt8(ascii: ".")) {
                // 1 to 9 fraction digits; milliseconds keep the first three.
                var scale: Int64 = 100
                var count = 0
                while let digit = reader.digit() {
                    millisecond += digit * scale
                    scale /= 10
                    count += 1
                }
                guard (1...9).contains(count) else { return nil }
            }
        }
        var offsetMinutes: Int64 = 0
        if reader.take(UInt8(ascii: "Z")) {
        } else if let sign = reader.sign() {
            guard let hours = reader.number(digits: 2), hours < 24 else { return nil }
            _ = reader.take(UInt8(ascii: ":"))
            let minutes = reader.atEnd ? 0 : (reader.number(digits: 2) ?? -1)
            guard (0..<60).contains(minutes) else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        guard reader.atEnd else { return nil }
        return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond
            - offsetMinutes * 60_000
    }

    // MARK: - Arithmetic

    static func format(_ milliseconds: Int64, zone: String) -> String {
        let (days, rest) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let millis = rest % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millis, 3))\(zone)"
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        CalendarDate.days(year: year, month: month, day: day)
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        CalendarDate.civil(days: days)
    }
}

/// A cursor over ASCII bytes for the timestamp parser.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func digit() -> Int64? {
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - UInt8(ascii: "0"))
    }

    mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let next = digit() else { return nil }
            value = value * 10 + next
        }
        return value
    }

    mutating func sign() -> Int64? {
        if take(UInt8(ascii: "+")) { return 1 }
        if take(UInt8(ascii: "-")) { return -1 }
        return nil
    }
}
