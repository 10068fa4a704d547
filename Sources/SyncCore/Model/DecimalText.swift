import Foundation

/// Exact decimal numbers from their text, so money read from a config file or a
/// remote's numeric string never passes through `Double`.
public enum DecimalText {
    /// Parses `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    /// Nil for anything else, or beyond `Decimal`'s 38 significant digits and
    /// exponent range (a number is refused rather than rounded).
    public static func parse(_ text: some StringProtocol) -> Decimal? {
        parse(utf8: Array(text.utf8))
    }

    static func parse(utf8 bytes: [UInt8]) -> Decimal? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        while index < bytes.count, isDigit(bytes[index]) {
            append(bytes[index], to: &digits)
            sawDigit = true
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                append(bytes[index], to: &digits)
                exponent -= 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { return nil }
            var written = 0
            while index < bytes.count, isDigit(bytes[index]) {
                // Clamp: anything past 10,000 is out of range either way.
                written = min(written * 10 + Int(bytes[index] - UInt8(ascii: "0")), 10_000)
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard index == bytes.count else { return nil }
        return decimal(digits: digits, negative: negative, exponent: exponent)
    }

    /// Leading zeros are dropped as they come, so `digits` holds significant digits.
    private static func append(_ ascii: UInt8, to digits: inout [UInt8]) {
        let digit = ascii - UInt8(ascii: "0")
        if digits.isEmpty, digit == 0 { return }
        digits.append(digit)
    }

    /// True when `value` has no fractional part (`12`, `1.2e3`), exactly.
    public static func isWhole(_ value: Decimal) -> Bool {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .down)
        return rounded == value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Significant digits a `UInt64` always holds.
    static let wholeDigits = 18

    /// `significand` (`digitCount` ≤ `wholeDigits` significant digits, no leading zeros)
    /// times 10^exponent: what `decimal(digits:negative:exponent:)` gives for those digits,
    /// without an array of them. Used by `JSONParser` for every number that short.
    static func decimal(significand: UInt64, digitCount: Int, negative: Bool, exponent: Int) -> Decimal? {
        var significand = significand
        var count = digitCount
        var exponent = exponent
        if significand == 0 { return 0 }
        while significand % 10 == 0 {
            significand /= 10
            count -= 1
            exponent += 1
        }
        guard exponent >= -128, exponent + count <= 128 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// Significant digits (0–9, no leading zeros) times 10^exponent, exactly; nil beyond
    /// what `Decimal` holds. Shared with `JSONParser`.
    static func decimal(digits: [UInt8], negative: Bool, exponent: Int) -> Decimal? {
        var significant = digits[...]
        var exponent = exponent
        while let last = significant.last, last == 0 {
            significant.removeLast()
            exponent += 1
        }
        if significant.isEmpty { return 0 }
        // Decimal holds 38 significant digits and an 8-bit exponent.
        guard significant.count <= 38, exponent >= -128, exponent + significant.count <= 128 else { return nil }
        var magnitude = Decimal(0)
        var chunk: UInt64 = 0
        var chunkLength = 0
        for digit in significant {
            chunk = chunk * 10 + UInt64(digit)
            chunkLength += 1
            if chunkLength == 18 {
                magnitude = magnitude * Decimal(sign: .plus, exponent: 18, significand: 1) + Decimal(chunk)
                chunk = 0
                chunkLength = 0
            }
        }
        if chunkLength > 0 {
            magnitude = magnitude * Decimal(sign: .plus, exponent: chunkLength, significand: 1) + Decimal(chunk)
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: magnitude)
    }
}
