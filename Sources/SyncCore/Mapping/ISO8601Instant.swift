/// ISO-8601 instants ↔ milliseconds since the Unix epoch, by hand: the remote
/// formats seen in practice (`2024-05-01T10:00:00Z`, `…00.123+02:00`, Salesforce's
/// `…00.000+0000`) parse without `DateFormatter`, fast and without a clock.
public enum ISO8601Instant {
    public static let millisPerDay: Int64 = 86_400_000

    /// Parses `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|±HH[:MM|MM]]]`. No zone means
    /// UTC; a date alone is its midnight UTC; fractions beyond milliseconds are cut.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        var millis = Int64(date.daysSinceEpoch) * millisPerDay
        if bytes.count == 10 { return millis }
        var index = 10
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let hour = twoDigits(bytes, at: index), hour <= 23, index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ":"),
              let minute = twoDigits(bytes, at: index + 3), minute <= 59 else { return nil }
        index += 5
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = twoDigits(bytes, at: index + 1), value <= 59 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var digits = 0, fraction = 0
                while index < bytes.count, isDigit(bytes[index]) {
                    if digits < 3 { fraction = fraction * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 3) { fraction *= 10 }
                millis += Int64(fraction)
            }
        }
        millis += Int64(hour * 3600 + minute * 60 + second) * 1000
        guard let offset = zoneOffsetSeconds(bytes[index...]) else { return nil }
        return millis - Int64(offset) * 1000
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, the form both Salesforce and HubSpot accept;
    /// nil outside years 1–9999.
    public static func format(millis: Int64) -> String? {
        let (days, inDay) = floorDivide(millis, millisPerDay)
        guard let date = CalendarDate(daysSinceEpoch: Int(days)) else { return nil }
        let ms = Int(inDay)
        let time = CalendarDate.pad(ms / 3_600_000, 2) + ":" + CalendarDate.pad(ms / 60000 % 60, 2) + ":"
            + CalendarDate.pad(ms / 1000 % 60, 2) + "." + CalendarDate.pad(ms % 1000, 3)
        return "\(date)T\(time)Z"
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM`, or nothing (UTC); nil when malformed.
    static func zoneOffsetSeconds(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = bytes.first else { return 0 }
        if first == UInt8(ascii: "Z") || first == UInt8(ascii: "z") { return bytes.count == 1 ? 0 : nil }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes.dropFirst())
        let hours: Int?, minutes: Int?
        switch rest.count {
        case 2: (hours, minutes) = (twoDigits(rest, at: 0), 0)
        case 4: (hours, minutes) = (twoDigits(rest, at: 0), twoDigits(rest, at: 2))
        case 5 where rest[2] == UInt8(ascii: ":"): (hours, minutes) = (twoDigits(rest, at: 0), twoDigits(rest, at: 3))
        default: return nil
        }
        guard let hours, let minutes, hours <= 18, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return first == UInt8(ascii: "-") ? -seconds : seconds
    }

    static func twoDigits(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index >= 0, index + 1 < bytes.count, isDigit(bytes[index]), isDigit(bytes[index + 1]) else { return nil }
        return Int(bytes[index] - UInt8(ascii: "0")) * 10 + Int(bytes[index + 1] - UInt8(ascii: "0"))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Division rounding toward negative infinity, so instants before 1970 land on the right day.
    static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = a / b
        var remainder = a % b
        if remainder < 0 {
            quotient -= 1
            remainder += b
        }
        return (quotient, remainder)
    }
}
