import Foundation
import Testing
@testable import SyncStore

/// Link ids are random version-4 UUIDs in lower case: other tools (and `channelsync show`)
/// take them as UUIDs, and two cycles must never pick the same one.
@Suite struct RandomUUIDTests {
    @Test func bitsAreWrittenAsEightFourFourFourTwelveLowerCaseHexDigits() {
        #expect(RandomUUID.text(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210)
                == "01234567-89ab-cdef-fedc-ba9876543210")
        #expect(RandomUUID.text(0, .max) == "00000000-0000-0000-ffff-ffffffffffff")
    }

    @Test func linkIDsAreVersionFourUUIDsAndDoNotRepeat() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = SyncState.makeLinkID()
            let parsed = try #require(UUID(uuidString: id), "\(id) is not a UUID")
            #expect(parsed.uuidString.lowercased() == id)
            let bytes = parsed.uuid
            #expect(bytes.6 >> 4 == 4, "version nibble of \(id)")
            #expect(bytes.8 >> 6 == 0b10, "variant bits of \(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }
}
