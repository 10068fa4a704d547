import Foundation
import Testing
@testable import SyncCore

/// Write then read gives the same canonical value, for every type and transform,
/// over random values (seed printed; replay with CHANNELSYNC_SEED=…).
@Suite struct ConfigRoundTripTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CHANNELSYNC_SEED"].flatMap(UInt64.init)
        ?? UInt64.random(in: 1...UInt64.max)

    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let type: FieldType
        let transforms: [Transform]
        let values: [String]
        let generate: @Sendable (inout SplitMix64) -> Value
        var description: String { name }
    }

    static func pick<T>(_ items: [T], _ rng: inout SplitMix64) -> T { items[Int(rng.next() % UInt64(items.count))] }

    static func word(_ rng: inout SplitMix64, alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        let letters = Array(alphabet)
        return String((0..<(1 + Int(rng.next() % 12))).map { _ in pick(letters, &rng) })
    }

    static func decimal(_ rng: inout SplitMix64, maxScale: UInt64 = 6) -> Decimal {
        let significand = Decimal(rng.next() % 10_000_000_000_000)
        let scale = Int(rng.next() % (maxScale + 1))
        let value = Decimal(sign: rng.next() % 2 == 0 ? .plus : .minus, exponent: -scale, significand: significand)
        return value
    }

    /// Instants within years 1900–2200.
    static func instant(_ rng: inout SplitMix64) -> Int64 {
        Int64(rng.next() % 9_783_072_000_000) - 2_208_988_800_000
    }

    static func date(_ rng: inout SplitMix64) -> Value {
        .date(CalendarDate(daysSinceEpoch: Int(ISO8601Instant.floorDivide(instant(&rng), ISO8601Instant.millisPerDay).quotient))!.description)
    }

    static let stages = ["prospecting", "qualification", "proposal", "won", "lost"]

    static let cases: [Case] = [
        Case(name: "string", type: .string, transforms: [], values: []) { .string(word(&$0, alphabet: "aB c-dé😀'\"\\")) },
        Case(name: "string trim lowercase", type: .string, transforms: [.trim, .lowercase], values: []) { .string(word(&$0)) },
        Case(name: "text", type: .text, transforms: [], values: []) { .string(" " + word(&$0, alphabet: "ab\n\t ü") + "\n") },
        Case(name: "email", type: .email, transforms: [], values: []) { .string(word(&$0) + "@" + word(&$0) + ".example") },
        Case(name: "decimal", type: .decimal, transforms: [], values: []) { .number(decimal(&$0)) },
        Case(name: "decimal scale 2", type: .decimal, transforms: [.scale(2)], values: []) { .number(decimal(&$0, maxScale: 2)) },
        Case(name: "decimal default", type: .decimal, transforms: [.defaultValue(.number(0))], values: []) { .number(decimal(&$0)) },
        Case(name: "integer", type: .integer, transforms: [], values: []) { .number(Decimal(Int64(bitPattern: $0.next()) / 4)) },
        Case(name: "bool", type: .bool, transforms: [], values: []) { .bool($0.next() % 2 == 0) },
        Case(name: "bool value map", type: .bool, transforms: [.valueMap(["Y": "true", "N": "false"], fallback: nil)], values: []) {
            .bool($0.next() % 2 == 0)
        },
        Case(name: "date", type: .date, transforms: [], values: []) { date(&$0) },
        Case(name: "date iso8601", type: .date, transforms: [.dateFormat(.iso8601)], values: []) { date(&$0) },
        Case(name: "date epochMillis", type: .date, transforms: [.dateFormat(.epochMillis)], values: []) { date(&$0) },
        Case(name: "date epochSeconds", type: .date, transforms: [.dateFormat(.epochSeconds)], values: []) { date(&$0) },
        Case(name: "date dd/MM/yyyy", type: .date, transforms: [.dateFormat(.pattern("dd/MM/yyyy"))], values: []) { date(&$0) },
        Case(name: "date M/d/yyyy", type: .date, transforms: [.dateFormat(.pattern("M/d/yyyy"))], values: []) { date(&$0) },
        Case(name: "date with time pattern", type: .date, transforms: [.dateFormat(.pattern("yyyy-MM-dd'T'HH:mm:ssXXX"))], values: []) { date(&$0) },
        Case(name: "datetime", type: .datetime, transforms: [], values: []) { .datetime(instant(&$0)) },
        Case(name: "datetime epochMillis", type: .datetime, transforms: [.dateFormat(.epochMillis)], values: []) { .datetime(instant(&$0)) },
        Case(name: "datetime epochSeconds", type: .datetime, transforms: [.dateFormat(.epochSeconds)], values: []) {
            .datetime(instant(&$0) / 1000 * 1000)
        },
        Case(name: "datetime pattern with millis", type: .datetime, transforms: [.dateFormat(.pattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))], values: []) {
            .datetime(instant(&$0))
        },
        Case(name: "datetime pattern to the minute", type: .datetime, transforms: [.dateFormat(.pattern("dd.MM.yyyy H:mm"))], values: []) {
            .datetime(instant(&$0) / 60000 * 60000)
        },
        Case(name: "enum", type: .enum, transforms: [], values: stages) { .string(pick(stages, &$0)) },
        Case(name: "enum value map", type: .enum,
             transforms: [.valueMap(["Prospecting": "prospecting", "Qualification": "qualification", "Proposal/Price Quote": "proposal",
                                     "Closed Won": "won", "Closed Lost": "lost"], fallback: nil)], values: stages) { .string(pick(stages, &$0)) },
        Case(name: "enum value map with write", type: .enum,
             transforms: [.trim, .valueMapWithWrite(["Prospecting": "prospecting", "Qualification": "qualification", "Needs Analysis": "qualification",
                                                     "Proposal": "proposal", "Won": "won", "Lost": "lost"], fallback: "prospecting",
                                                    write: ["qualification": "Needs Analysis"])], values: stages) { .string(pick(stages, &$0)) },
        Case(name: "enum numeric natives", type: .enum, transforms: [.valueMap(["1": "won", "2": "lost"], fallback: nil)], values: ["won", "lost"]) {
            .string(pick(["won", "lost"], &$0))
        },
        Case(name: "reference", type: .reference, transforms: [], values: []) { .string("006" + word(&$0, alphabet: "ABCabc0123")) },
    ]

    @Test(arguments: cases)
    func writeThenReadGivesTheSameValue(_ testCase: Case) {
        print("ConfigRoundTripTests seed=\(Self.seed) case=\(testCase.name)")
        var rng = SplitMix64(seed: Self.seed ^ Self.stableHash(testCase.name))
        var field = FieldMapping(name: "f", type: testCase.type, crmPath: FieldPath("deep.path"), prmPath: FieldPath("p"),
                                 crmTransforms: testCase.transforms)
        field.values = testCase.values
        var generated: [Value] = [.null]
        for _ in 0..<300 { generated.append(testCase.generate(&rng)) }
        for value in generated {
            guard case let .success(native) = field.write(value, side: .crm) else {
                Issue.record("\(testCase.name): cannot write \(value): \(field.write(value, side: .crm))")
                return
            }
            var record = JSONValue.object([:])
            record.set(native, at: ["deep", "path"])
            let read = field.read(record, side: .crm)
            let expected = value == .null && testCase.transforms.contains(.defaultValue(.number(0))) ? .number(0) : value
            #expect(read == .success(expected), "\(testCase.name) seed=\(Self.seed): \(value) → \(native) → \(read)")
            if read != .success(expected) { return }
        }
    }

    /// FNV-1a: a per-case stream that is the same in every run (`hashValue` is not).
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    @Test func civilDatesMatchEpochDays() {
        var rng = SplitMix64(seed: Self.seed)
        for _ in 0..<2000 {
            let days = Int(rng.next() % 3_652_059) - 719_162
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date?.daysSinceEpoch == days, "seed=\(Self.seed) days=\(days)")
            #expect(date.map { CalendarDate(iso: $0.description) == $0 } == true)
        }
        #expect(CalendarDate(daysSinceEpoch: 0)?.description == "1970-01-01")
        #expect(CalendarDate(iso: "2000-02-29")?.daysSinceEpoch == 11016)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "0001-01-01")?.daysSinceEpoch == -719_162)
        #expect(CalendarDate(iso: "9999-12-31")?.daysSinceEpoch == 2_932_896)
    }
}
