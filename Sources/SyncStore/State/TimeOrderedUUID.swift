/// Time-ordered (version 7) UUIDs in lower case: 48 bits of Unix milliseconds, then 74
/// random bits from the system's random source (RFC 9562 §5.7).
///
/// Why not random (version 4) ids: a link id is the key of `links`, of `shadows` and of
/// the journal's `journal_link` index. Random keys put every new link on a random page of
/// each of those b-trees, so once they outgrow the page cache each insert reads a page and
/// writes one back; ids that grow with time append to the same few pages (an initial sync of
/// 200,000 records spent most of its store time on those misses). The text sorts by time,
/// since the hex digits are in bit order.
///
/// Foundation's `UUID()` opens and reads `/dev/urandom` for each UUID on Linux; a cycle
/// that links or reconciles a hundred thousand records spent 5% of its time there. The
/// random bits come from `RandomPool`: one read of `/dev/urandom` per 256 ids (two
/// `getrandom` calls per id before, ≈ 1 µs each: 3% of the cycle thread in an initial
/// sync of 200,000 records).
enum TimeOrderedUUID {
    private static let pool = RandomPool()

    static func make(millis: Int64 = SyncState.systemMillis()) -> String {
        let (random, more) = pool.next()
        // unix_ts_ms (48) | version 0b0111 (4) | rand_a (12)
        let high = UInt64(truncatingIfNeeded: millis) << 16 | 0x7000 | random >> 52
        // variant 0b10 (2) | rand_b (62): the generator's other 52 bits and 10 more.
        let low = 0x8000_0000_0000_0000 | (random & 0x000F_FFFF_FFFF_FFFF) << 10 | UInt64(more & 0x03FF)
        return text(high, low)
    }

    /// 8-4-4-4-12 lower-case hex digits of the 128 bits `high` then `low`.
    static func text(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            // Dashes before hex digits 8 and 12 of `high`, 0 and 4 of `low` (32 digits in all).
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = digit < 16 ? high : low
                let nibble = UInt8(truncatingIfNeeded: word >> (60 - 4 * UInt64(digit % 16))) & 0x0F
                buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                position += 1
            }
            return position
        }
    }
}
