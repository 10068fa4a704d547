/// Durations as admins write them in config files and on the command line:
/// `"250ms"`, `"90s"`, `"5m"`, `"1h30m"`, `"7d"`.
public enum DurationText {
    /// Nil for anything else, including a bare number (the unit is never guessed).
    public static func parse(_ text: some StringProtocol) -> Duration? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var total: Int64 = 0
        while index < bytes.count {
            var amount: Int64 = 0, digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                guard digits < 12 else { return nil }
                amount = amount * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            var unit = ""
            while index < bytes.count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") {
                unit.unicodeScalars.append(Unicode.Scalar(bytes[index]))
                index += 1
            }
            guard digits > 0, let millisPerUnit = units[unit] else { return nil }
            let (product, overflow) = amount.multipliedReportingOverflow(by: millisPerUnit)
            guard !overflow, total <= Int64.max - product else { return nil }
            total += product
        }
        return .milliseconds(total)
    }

    /// The shortest exact form, e.g. `"1h30m"`, `"250ms"`, `"0s"`.
    public static func format(_ duration: Duration) -> String {
        var millis = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if millis == 0 { return "0s" }
        var text = millis < 0 ? "-" : ""
        millis = abs(millis)
        for (unit, size) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60000), ("s", 1000), ("ms", 1)] where millis >= size {
            text += "\(millis / size)\(unit)"
            millis %= size
        }
        return text
    }

    private static let units: [String: Int64] = ["ms": 1, "s": 1000, "m": 60000, "h": 3_600_000, "d": 86_400_000]
}
