import Foundation
import Testing
import SyncCore
@testable import Connectors

@Suite("Content hashes")
struct GenericRESTContentHashTests {
    @Test("SHA-256 matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test("a million 'a's, fed in uneven pieces")
    func longInput() {
        var hasher = SHA256()
        var fed = 0
        var piece = 1
        while fed < 1_000_000 {
            let count = min(piece, 1_000_000 - fed)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            fed += count
            piece = piece * 3 % 997 + 1
        }
        let hex = hasher.finish().map { String(format: "%02x", $0) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the same content hashes the same whatever the key order; any change shows")
    func recordHashes() throws {
        let a = NativeRecord(id: "1", modifiedAt: 0, fields: try JSONParser().parse(#"{"b": [1, {"y": 2, "x": 1}], "a": "é", "n": 1.50}"#))
        let b = NativeRecord(id: "1", modifiedAt: 5, fields: try JSONParser().parse(#"{"n": 1.50, "a": "é", "b": [1, {"x": 1, "y": 2}]}"#))
        #expect(a.contentHash() == b.contentHash())
        #expect(a.contentHash().count == 64)
        let changed = NativeRecord(id: "1", modifiedAt: 0, fields: try JSONParser().parse(#"{"b": [{"x": 1, "y": 2}, 1], "a": "é", "n": 1.50}"#))
        #expect(changed.contentHash() != a.contentHash(), "array order is content")
        let viewed = NativeRecord(id: "1", modifiedAt: 0, fields: try JSONParser().parse(#"{"b": [1, {"y": 2, "x": 1}], "a": "é", "n": 1.50, "lastViewed": 9}"#))
        #expect(viewed.contentHash(ignoring: ["lastViewed"]) == a.contentHash())
    }
}
