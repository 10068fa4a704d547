/// A date pattern in the ICU/`DateFormatter` notation admins already know
/// (`"dd/MM/yyyy"`, `"yyyy-MM-dd'T'HH:mm:ss.SSSXXX"`), for remotes that write dates
/// their own way. Supported letters: `yyyy`, `MM`/`M`, `dd`/`d`, `HH`/`H`, `mm`, `ss`,
/// `SSS`, and zones `X`, `XX`, `XXX`, `Z`; text in single quotes is literal, as is
/// any non-letter. Hand-written: fast, no `Locale`, no clock.
public struct DatePattern: Hashable, Sendable {
    enum Token: Hashable, Sendable {
        case literal(String)
        case year, month(padded: Bool), day(padded: Bool), hour(padded: Bool), minute, second, millisecond
        /// `X` → `±HH`, `XX`/`Z` → `±HHMM`, `XXX` → `±HH:MM`; `X…` write `Z` for UTC.
        case zone(colon: Bool, minutes: Bool, zulu: Bool)
    }

    public let text: String
    let tokens: [Token]

    /// What is wrong with a pattern, for the config error.
    public struct Invalid: Error, Hashable, Sendable {
        public let reason: String
    }

    public init(_ text: String) throws(Invalid) {
        self.text = text
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "'" {
                var literal = ""
                index += 1
                if index < scalars.count, scalars[index] == "'" {
                    tokens.append(.literal("'"))
                    index += 1
                    continue
                }
                while index < scalars.count, scalars[index] != "'" {
                    literal.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw Invalid(reason: "a quoted literal is not closed") }
                index += 1
                tokens.append(.literal(literal))
                continue
            }
            guard scalar.properties.isAlphabetic, scalar.isASCII else {
                tokens.append(.literal(String(scalar)))
                index += 1
                continue
            }
            var run = 1
            while index + run < scalars.count, scalars[index + run] == scalar { run += 1 }
            index += run
            switch (scalar, run) {
            case ("y", 4): tokens.append(.year)
            case ("M", 1), ("M", 2): tokens.append(.month(padded: run == 2))
            case ("d", 1), ("d", 2): tokens.append(.day(padded: run == 2))
            case ("H", 1), ("H", 2): tokens.append(.hour(padded: run == 2))
            case ("m", 2): tokens.append(.minute)
            case ("s", 2): tokens.append(.second)
            case ("S", 3): tokens.append(.millisecond)
            case ("X", 1): tokens.append(.zone(colon: false, minutes: false, zulu: true))
            case ("X", 2): tokens.append(.zone(colon: false, minutes: true, zulu: true))
            case ("X", 3): tokens.append(.zone(colon: true, minutes: true, zulu: true))
            case ("Z", 1): tokens.append(.zone(colon: false, minutes: true, zulu: false))
            default:
                throw Invalid(reason: "'\(String(repeating: String(scalar), count: run))' is not supported (use yyyy, MM, M, dd, d, HH, H, mm, ss, SSS, X, XX, XXX or Z; quote literal letters like 'T')")
            }
        }
        guard tokens.contains(.year), tokens.contains(where: { if case .month = $0 { true } else { false } }),
              tokens.contains(where: { if case .day = $0 { true } else { false } }) else {
            throw Invalid(reason: "a pattern needs a year (yyyy), a month (MM) and a day (dd)")
        }
        self.tokens = tokens
    }

    /// Whether the pattern carries a time of day; a date-only pattern on a datetime
    /// field reads midnight UTC.
    public var hasTime: Bool { tokens.contains { if case .hour = $0 { true } else { false } } }

    /// Parses `text` completely: the date, the milliseconds into that day (local to
    /// the written zone) and the zone offset in seconds (0 without a zone token).
    func parse(_ text: String) -> (date: CalendarDate, millisOfDay: Int, offsetSeconds: Int)? {
        let bytes = Array(text.utf8)
        var index = 0
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0, offset = 0
        func digits(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0, count = 0
            while count < maximum, index < bytes.count, ISO8601Instant.isDigit(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                count += 1
                index += 1
            }
            return count >= minimum ? value : nil
        }
        for token in tokens {
            switch token {
            case let .literal(literal):
                let expected = Array(literal.utf8)
                guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else { return nil }
                index += expected.count
            case .year: guard let value = digits(4, 4) else { return nil }; year = value
            case let .month(padded): guard let value = digits(padded ? 2 : 1, 2) else { return nil }; month = value
            case let .day(padded): guard let value = digits(padded ? 2 : 1, 2) else { return nil }; day = value
            case let .hour(padded): guard let value = digits(padded ? 2 : 1, 2), value <= 23 else { return nil }; hour = value
            case .minute: guard let value = digits(2, 2), value <= 59 else { return nil }; minute = value
            case .second: guard let value = digits(2, 2), value <= 59 else { return nil }; second = value
            case .millisecond: guard let value = digits(3, 3) else { return nil }; millisecond = value
            case .zone:
                // Accept any of the ISO zone forms; the pattern letter only decides how we write.
                var end = index
                if end < bytes.count, bytes[end] == UInt8(ascii: "Z") || bytes[end] == UInt8(ascii: "z") {
                    end += 1
                } else if end < bytes.count, bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-") {
                    end += 1
                    while end < bytes.count, ISO8601Instant.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ":"), end - index < 6 { end += 1 }
                } else {
                    return nil
                }
                guard let seconds = ISO8601Instant.zoneOffsetSeconds(bytes[index..<end]) else { return nil }
                offset = seconds
                index = end
            }
        }
        guard index == bytes.count, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        return (date, ((hour * 60 + minute) * 60 + second) * 1000 + millisecond, offset)
    }

    /// Writes a date and a time of day in UTC.
    func format(date: CalendarDate, millisOfDay: Int) -> String {
        var out = ""
        for token in tokens {
            switch token {
            case let .literal(literal): out += literal
            case .year: out += CalendarDate.pad(date.year, 4)
            case let .month(padded): out += padded ? CalendarDate.pad(date.month, 2) : String(date.month)
            case let .day(padded): out += padded ? CalendarDate.pad(date.day, 2) : String(date.day)
            case let .hour(padded):
                let hour = millisOfDay / 3_600_000
                out += padded ? CalendarDate.pad(hour, 2) : String(hour)
            case .minute: out += CalendarDate.pad(millisOfDay / 60000 % 60, 2)
            case .second: out += CalendarDate.pad(millisOfDay / 1000 % 60, 2)
            case .millisecond: out += CalendarDate.pad(millisOfDay % 1000, 3)
            case let .zone(colon, minutes, zulu):
                out += zulu ? "Z" : (minutes ? (colon ? "+00:00" : "+0000") : "+00")
            }
        }
        return out
    }
}
