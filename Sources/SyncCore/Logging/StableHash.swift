/// A small, dependency-free, stable 64-bit hash (FNV-1a with a MurmurHash3
/// finalizer): pseudonymous identifiers in logs, and the store's content hashes
/// (`ContentHash`), whose values live in existing databases and must never change. Not
/// cryptographic: it pseudonymises, it does not protect against a determined attacker
/// without the salt.
public enum StableHash {
    public static func value(_ text: String) -> UInt64 {
        var text = text
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        text.withUTF8 { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }

    /// The first `digits` (1 to 16) of the hash as 16 lower-case hex digits, zero-padded.
    public static func hex(_ text: String, digits: Int) -> String {
        let hash = value(text)
        let table: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: max(1, min(16, digits))) { buffer in
            for index in buffer.indices {
                buffer[index] = table.utf8Start[Int(truncatingIfNeeded: hash >> (60 - 4 * index)) & 0xF]
            }
            return buffer.count
        }
    }
}
