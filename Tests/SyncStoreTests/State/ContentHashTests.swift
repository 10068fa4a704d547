import Testing
import SyncCore
import SyncStore

/// Shadow hashes are kept in existing databases and compared with new ones, so the
/// hash of a text must never change between versions (values pinned from an
/// independent FNV-1a + MurmurHash3-finalizer implementation).
@Suite struct ContentHashTests {
    @Test func hashesArePinnedAcrossVersions() {
        #expect(ContentHash.hex("") == "efd01f60ba992926")
        #expect(ContentHash.hex("a") == "82a2a958a9bece5b")
        #expect(ContentHash.hex(#"{"amount":{"number":"12.50"},"name":{"string":"Acme ✓"}}"#) == "e2d7b7e4c4a0bfdd")
    }

    @Test func leadingZerosAreKept() {
        #expect(ContentHash.hex("record-5891") == "00053c65568b7ff6")
    }

    /// Log pseudonyms take the first digits of the same hash (`StableHash`).
    @Test func shorterHashesAreItsFirstDigits() {
        #expect(StableHash.hex("record-5891", digits: 12) == "00053c65568b")
        #expect(StableHash.hex("a", digits: 1) == "8")
    }
}
