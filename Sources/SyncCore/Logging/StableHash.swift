/// A small, dependency-free, stable 64-bit hash (FNV-1a with a MurmurHash3
/// finalizer) for pseudonymous identifiers in logs. Not cryptographic: it
/// pseudonymises, it does not protect against a determined attacker without the salt.
enum StableHash {
    static func value(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash &*= 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        return hash
    }

    /// The hash as `digits` lower-case hex digits (at most 16).
    static func hex(_ text: String, digits: Int) -> String {
        let full = String(value(text), radix: 16)
        let padded = String(repeating: "0", count: 16 - full.count) + full
        return String(padded.prefix(max(1, min(16, digits))))
    }
}
