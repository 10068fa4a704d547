import SyncCore

/// A stable 64-bit content hash (`StableHash`: FNV-1a with a MurmurHash3 finalizer), as
/// 16 hex digits. Not cryptographic: it tells "changed" from "unchanged" cheaply.
public enum ContentHash {
    public static func hex(_ text: String) -> String {
        StableHash.hex(text, digits: 16)
    }
}
