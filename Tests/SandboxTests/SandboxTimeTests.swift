import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SandboxTimeTests {
    @Test func formatsLikeTheVendors() {
        #expect(SandboxTime.salesforce(ManualClock.defaultStart) == "2024-01-01T00:00:00.000+0000")
        #expect(SandboxTime.iso(1_709_164_800_123) == "2024-02-29T00:00:00.123Z")
        #expect(SandboxTime.iso(-1) == "1969-12-31T23:59:59.999Z")
        #expect(SandboxTime.date(951_782_400_000) == "2000-02-29")
    }

    @Test func parsesTheFormsAPIsSend() {
        let start = ManualClock.defaultStart
        #expect(SandboxTime.parse("2024-01-01") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00Z") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00.000+0000") == start)
        #expect(SandboxTime.parse("2024-01-01T01:00:00+01:00") == start)
        #expect(SandboxTime.parse("2023-12-31T19:00:00-0500") == start)
        #expect(SandboxTime.parse("2024-01-01T00:00:00.123456789Z") == start + 123)
        #expect(SandboxTime.parse("2024-01-01 00:00") == start)
        for bad in ["", "2024-13-01", "2024-02-30", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00 00:00", "yesterday",
                    "2024-01-01T00:00:00.Z", "2024-1-1"] {
            #expect(SandboxTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func roundTripsAcrossCenturies() {
        var random = SortedBlocksTests.Random(state: 99)
        for _ in 0..<2000 {
            let ms = Int64(random.next(8_000_000_000_000)) - 2_000_000_000_000
            #expect(SandboxTime.parse(SandboxTime.iso(ms)) == ms)
            #expect(SandboxTime.parse(SandboxTime.salesforce(ms)) == ms)
        }
    }

    @Test func salesforceIDsCarryTheirChecksum() {
        let id = SalesforceID.make(keyPrefix: "006", sequence: 42)
        #expect(id.count == 18 && id.hasPrefix("006"))
        #expect(SalesforceID.isWellFormed(id))
        #expect(SalesforceID.isWellFormed(String(id.prefix(15))))
        #expect(!SalesforceID.isWellFormed(String(id.prefix(15)) + "ZZZ"), "a wrong suffix is refused")
        // The checksum Salesforce documents for a known id.
        #expect(SalesforceID.checksum("001D000000IRFma") == "IAH")
    }
}
