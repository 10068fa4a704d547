import Foundation

/// Parses the three HTTP-date formats RFC 9110 §5.6.7 requires recipients to accept:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)
/// and asctime (`Sun Nov  6 08:49:37 1994`). Hand-written to avoid DateFormatter's locale
/// and thread-safety traps.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        let tokens = text.split { $0 == " " || $0 == "," }.map { $0.lowercased() }
        guard let first = tokens.first, first.count >= 3 else { return nil }
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?
        switch tokens.count {
        case 6 where tokens[5] == "gmt":  // IMF-fixdate
            day = Int(tokens[1])
            month = months.firstIndex(of: tokens[2]).map { $0 + 1 }
            year = Int(tokens[3])
            time = parseTime(tokens[4])
        case 4 where tokens[3] == "gmt":  // RFC 850
            let parts = tokens[1].split(separator: "-")
            guard parts.count == 3, let twoDigit = Int(parts[2]) else { return nil }
            day = Int(parts[0])
            month = months.firstIndex(of: String(parts[1])).map { $0 + 1 }
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            year = twoDigit < 70 ? 2000 + twoDigit : 1900 + twoDigit
            time = parseTime(tokens[2])
        case 5:  // asctime: wkday Mon D HH:MM:SS YYYY
            month = months.firstIndex(of: tokens[1]).map { $0 + 1 }
            day = Int(tokens[2])
            time = parseTime(tokens[3])
            year = Int(tokens[4])
        default:
            return nil
        }
        guard let day, let month, let year, let time, (1...31).contains(day), year >= 1970 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + time.0 * 3_600 + time.1 * 60 + time.2
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func parseTime(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3, (0...23).contains(parts[0]), (0...59).contains(parts[1]),
            (0...60).contains(parts[2])
        else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
