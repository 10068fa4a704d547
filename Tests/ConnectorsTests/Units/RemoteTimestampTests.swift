import Foundation
import Testing
@testable import Connectors

@Suite("Remote timestamps")
struct RemoteTimestampTests {
    static let valid: [(String, Int64)] = [
        ("2024-01-01T00:00:00.000+0000", 1_704_067_200_000),
        ("2024-01-01T00:00:00.000Z", 1_704_067_200_000),
        ("2024-01-01T00:00:00Z", 1_704_067_200_000),
        ("2024-01-01T00:00:00.123+0000", 1_704_067_200_123),
        ("2024-01-01T00:00:00.1Z", 1_704_067_200_100),
        ("2024-01-01T00:00:00.123456789Z", 1_704_067_200_123),
        ("2024-01-01T05:30:00.000+0530", 1_704_067_200_000),
        ("2023-12-31T19:00:00.000-05:00", 1_704_067_200_000),
        ("2024-01-01T01:00:00+01", 1_704_067_200_000),
        ("2024-02-29T12:00:00.000+0000", 1_709_208_000_000),
        ("1970-01-01T00:00:00.000+0000", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2000-02-29T00:00:00Z", 951_782_400_000),
    ]

    static let invalid = [
        "", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00.000", "2024-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-01-32T00:00:00Z", "2024-01-01T24:00:00Z",
        "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.0000000000Z",
        "2024-01-01T00:00:00+2400", "2024-01-01T00:00:00+0060", "2024-01-01T00:00:00Zjunk", "2024-1-01T00:00:00Z",
        "２０２４-01-01T00:00:00Z", "2024-01-01 00:00:00Z", "1704067200000",
    ]

    @Test("parses Salesforce and ISO 8601 forms exactly", arguments: valid)
    func parsesValid(text: String, expected: Int64) {
        #expect(RemoteTimestamp.parse(text) == expected)
    }

    @Test("refuses anything else", arguments: invalid)
    func refusesInvalid(text: String) {
        #expect(RemoteTimestamp.parse(text) == nil)
    }

    @Test("formatting round-trips through the parser for random instants (seeded)")
    func roundTrip() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("RemoteTimestampTests.roundTrip seed=\(seed)")
        var generator = SplitMix(seed: seed)
        for _ in 0..<5000 {
            // 1900 … 2200
            let millis = Int64(bitPattern: generator.next() % 9_467_280_000_000) - 2_208_988_800_000
            #expect(RemoteTimestamp.parse(RemoteTimestamp.iso(millis)) == millis, "seed \(seed), \(millis)")
            let literal = RemoteTimestamp.soqlLiteral(millis)
            let floored = millis - ((millis % 1000) + 1000) % 1000
            #expect(RemoteTimestamp.parse(literal) == floored, "seed \(seed), \(millis)")
            #expect(RemoteTimestamp.parse(RemoteTimestamp.offsetForm(millis)) == floored)
        }
    }

    @Test("the SOQL literal is whole seconds, rounded down")
    func soqlLiteral() {
        #expect(RemoteTimestamp.soqlLiteral(1_704_067_200_999) == "2024-01-01T00:00:00Z")
        #expect(RemoteTimestamp.offsetForm(1_704_067_261_500) == "2024-01-01T00:01:01+00:00")
    }
}

/// SplitMix64, for seeded, replayable random tests.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
