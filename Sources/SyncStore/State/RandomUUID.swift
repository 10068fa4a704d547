/// Random (version 4) UUIDs in lower case, from the system's random source.
///
/// Foundation's `UUID()` opens and reads `/dev/urandom` for each UUID on Linux; a cycle
/// that links or reconciles a hundred thousand records spent 5% of its time there. Two
/// `getrandom` calls (`SystemRandomNumberGenerator`) are a quarter of that.
enum RandomUUID {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        // RFC 9562 §5.4: version 4 in the high nibble of octet 6, variant 0b10 in octet 8.
        let high = (generator.next() as UInt64) & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = (generator.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        return text(high, low)
    }

    /// 8-4-4-4-12 lower-case hex digits of the 128 bits `high` then `low`.
    static func text(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (word, dashesBefore) in [(high, [8, 12]), (low, [0, 4])] {
                var bits = word
                for digit in 0..<16 {
                    if dashesBefore.contains(digit) {
                        buffer[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    let nibble = UInt8(truncatingIfNeeded: bits >> 60)
                    buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                    position += 1
                    bits <<= 4
                }
            }
            return position
        }
    }
}
