import Foundation
import Testing
@testable import SyncStore

/// Link ids are time-ordered (version 7) UUIDs in lower case: other tools (and
/// `channelsync show`) take them as UUIDs, two cycles must never pick the same one, and
/// ids made later sort after earlier ones (so new links append to the b-trees they key).
@Suite struct TimeOrderedUUIDTests {
    @Test func bitsAreWrittenAsEightFourFourFourTwelveLowerCaseHexDigits() {
        #expect(TimeOrderedUUID.text(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210)
                == "01234567-89ab-cdef-fedc-ba9876543210")
        #expect(TimeOrderedUUID.text(0, .max) == "00000000-0000-0000-ffff-ffffffffffff")
    }

    @Test func linkIDsAreVersionSevenUUIDsAndDoNotRepeat() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = SyncState.makeLinkID()
            let parsed = try #require(UUID(uuidString: id), "\(id) is not a UUID")
            #expect(parsed.uuidString.lowercased() == id)
            let bytes = parsed.uuid
            #expect(bytes.6 >> 4 == 7, "version nibble of \(id)")
            #expect(bytes.8 >> 6 == 0b10, "variant bits of \(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test func theFirstFortyEightBitsAreTheMillisecondsSoLaterIDsSortAfter() throws {
        let millis: Int64 = 1_795_000_000_123
        let id = TimeOrderedUUID.make(millis: millis)
        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(Int64(hex.prefix(12), radix: 16) == millis)
        let later = (1...50).map { TimeOrderedUUID.make(millis: millis + Int64($0)) }
        #expect(later.sorted() == later)
        #expect(later.allSatisfy { $0 > id })
    }

    @Test func theRandomBitsVaryWithinOneMillisecond() {
        let ids = (0..<1_000).map { _ in TimeOrderedUUID.make(millis: 42) }
        #expect(Set(ids).count == 1_000)
        #expect(ids.allSatisfy { $0.hasPrefix("00000000-002a-7") })
    }
}
