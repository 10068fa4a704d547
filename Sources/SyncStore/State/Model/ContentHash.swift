/// A stable 64-bit content hash (FNV-1a with a MurmurHash3 finalizer), as 16 hex
/// digits. Not cryptographic: it tells "changed" from "unchanged" cheaply.
public enum ContentHash {
    public static func hex(_ text: String) -> String {
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
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 { buffer[index] = digits.utf8Start[Int(truncatingIfNeeded: hash >> (60 - 4 * index)) & 0xF] }
            return 16
        }
    }
}
