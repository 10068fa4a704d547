import Foundation

/// Canonical values are stored in shadows and journal rows as JSON. Each non-null
/// value is a one-key object naming its case, so a date never reads back as a
/// string and a datetime never as a number; decimals travel as text so money
/// never passes through `Double`:
/// `null`, `{"string":"x"}`, `{"number":"12.50"}`, `{"bool":true}`,
/// `{"date":"2024-05-01"}`, `{"datetime":1714521600000}`.
extension Value: Codable {
    private enum CaseKey: String, CodingKey {
        case string, number, bool, date, datetime
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), single.decodeNil() {
            self = .null
            return
        }
        let container = try decoder.container(keyedBy: CaseKey.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a canonical value is null or an object with exactly one of string, number, bool, date, datetime"))
        }
        switch key {
        case .string: self = .string(try container.decode(String.self, forKey: key))
        case .date: self = .date(try container.decode(String.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .datetime: self = .datetime(try container.decode(Int64.self, forKey: key))
        case .number:
            let text = try container.decode(String.self, forKey: key)
            guard let number = Self.decimal(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container,
                                                       debugDescription: "'\(text)' is not a decimal number")
            }
            self = .number(number)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .null = self {
            var single = encoder.singleValueContainer()
            try single.encodeNil()
            return
        }
        var container = encoder.container(keyedBy: CaseKey.self)
        switch self {
        case .null: break
        case let .string(text): try container.encode(text, forKey: .string)
        case let .date(text): try container.encode(text, forKey: .date)
        case let .bool(flag): try container.encode(flag, forKey: .bool)
        case let .datetime(millis): try container.encode(millis, forKey: .datetime)
        case let .number(number): try container.encode(number.description, forKey: .number)
        }
    }

    /// Strict: the whole text must be a plain decimal (what `Decimal.description` writes).
    static func decimal(_ text: String) -> Decimal? {
        var sawDigit = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: "."): continue
            default: return nil
            }
        }
        guard sawDigit, text.utf8.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
