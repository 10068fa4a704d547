import Foundation

extension DecimalText {
    /// `value.description`, byte for byte, without Foundation's general path for the
    /// numbers records carry (significands up to 2^64): a cycle writes each amount into
    /// the records index, the shadow, the journal's change text and the request body, and
    /// `Decimal.description` was 7% of an initial sync's cycle thread.
    ///
    /// Reads `Decimal`'s fields from its memory, as swift-foundation lays them out: the
    /// exponent byte, a byte with the length (in 16-bit words) in its high nibble and the
    /// sign in bit 3, two reserved bytes, eight mantissa words, least significant first.
    /// `layoutKnown` checks that once against values built through the public API; with a
    /// Foundation that lays them out otherwise, every number takes `description`.
    public static func text(_ value: Decimal) -> String {
        guard layoutKnown, let fields = fields(of: value) else { return value.description }
        if fields.significand == 0 { return "0" }
        let digits = Array(String(fields.significand).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + abs(fields.exponent) + 3)
        if fields.negative { out.append(UInt8(ascii: "-")) }
        if fields.exponent >= 0 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fields.exponent))
        } else if -fields.exponent < digits.count {
            let point = digits.count + fields.exponent
            out.append(contentsOf: digits[..<point])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[point...])
        } else {
            out.append(contentsOf: "0.".utf8)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -fields.exponent - digits.count))
            out.append(contentsOf: digits)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Sign, exponent and significand when the significand fits in 64 bits (nil for
    /// larger ones and for NaN, which `description` writes).
    static func fields(of value: Decimal) -> (negative: Bool, exponent: Int, significand: UInt64)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: value) { bytes -> (Bool, Int, UInt64)? in
            let exponent = Int(Int8(bitPattern: bytes[0]))
            // swift-foundation packs the length in the high nibble, then isNegative, isCompact.
            let length = Int(bytes[1] >> 4)
            let negative = bytes[1] & 0x08 != 0
            if length == 0 { return negative ? nil : (false, 0, 0) }
            guard length <= 4 else { return nil }
            var significand: UInt64 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt64(bytes[4 + 2 * word]) | UInt64(bytes[5 + 2 * word]) << 8
            }
            return (negative, exponent, significand)
        }
    }

    /// Whether `fields(of:)` reads what the public API built (checked once).
    static let layoutKnown: Bool = {
        let probes: [(Decimal, (Bool, Int, UInt64))] = [
            (Decimal(sign: .minus, exponent: -3, significand: Decimal(123_456_789)), (true, -3, 123_456_789)),
            (Decimal(sign: .plus, exponent: 5, significand: Decimal(UInt64.max)), (false, 5, UInt64.max)),
            (Decimal(0), (false, 0, 0)),
        ]
        return probes.allSatisfy { probe, expected in
            guard let found = fields(of: probe) else { return false }
            return found == expected
        }
    }()
}
