import Foundation
import Testing
@testable import SyncCore

/// `DecimalText.text` must write exactly what `Decimal.description` writes: the text is
/// hashed into shadows and compared with what earlier versions stored.
@Suite struct DecimalTextFormatTests {
    @Test func theMemoryLayoutIsTheOneReadSoTheFastPathRuns() {
        #expect(DecimalText.layoutKnown)
        let fields = DecimalText.fields(of: Decimal(sign: .minus, exponent: -2, significand: 1_051))
        #expect(fields ?? (false, 0, 0) == (true, -2, 1_051))
    }

    @Test(arguments: ["0", "-0", "1", "-1", "0.5", "-0.005", "12.50", "100", "1e3", "1.2e-7", "123456789.987654321",
                      "18446744073709551615", "18446744073709551616", "-99999999999999999999.5", "0.000000000000000000001",
                      "3.4028236692093846346337460743176821145"])
    func writesWhatDescriptionWritesForParsedNumbers(text: String) throws {
        let value = try #require(DecimalText.parse(text))
        #expect(DecimalText.text(value) == value.description)
    }

    @Test func writesWhatDescriptionWritesForRandomNumbers() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let significand: UInt64 = switch round % 4 {
            case 0: UInt64.random(in: 0...999, using: &generator)
            case 1: UInt64.random(in: 0...99_999_999, using: &generator) * 100
            case 2: generator.next()
            default: UInt64.random(in: 0...UInt64(UInt32.max), using: &generator)
            }
            let exponent = Int.random(in: -30...30, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            let value = Decimal(sign: sign, exponent: exponent, significand: Decimal(significand))
            #expect(DecimalText.text(value) == value.description, "significand \(significand), exponent \(exponent), \(sign)")
        }
    }

    @Test func notANumberAndValuesPastSixtyFourBitsTakeDescription() {
        #expect(DecimalText.text(.nan) == Decimal.nan.description)
        let large = Decimal(UInt64.max) * Decimal(1_000_003)
        #expect(DecimalText.fields(of: large) == nil)
        #expect(DecimalText.text(large) == large.description)
    }
}
