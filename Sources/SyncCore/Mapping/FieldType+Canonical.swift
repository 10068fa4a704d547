import Foundation

/// Why a JSON value is not a canonical value of a type (the caller adds the field and side).
enum CanonicalProblem: Error, Hashable, Sendable {
    case wrongType(found: String)
    case invalid(detail: String)
    case notCanonical(String)
}

extension FieldType {
    /// The canonical value of `json` for this type, the last step of every read and
    /// how config files give defaults, constants and scope values. Empty strings count
    /// as null for every type but string and text (APIs send `""` for "not set").
    func canonical(from json: JSONValue, values: [String]) -> Result<Value, CanonicalProblem> {
        if case .null = json { return .success(.null) }
        switch self {
        case .string, .text:
            switch json {
            case let .string(text): return .success(.string(text))
            case let .number(number): return .success(.string(number.description))
            case let .bool(flag): return .success(.string(flag ? "true" : "false"))
            default: return .failure(.wrongType(found: json.kindDescription))
            }
        case .reference:
            switch json {
            case let .string(text): return .success(text.isEmpty ? .null : .string(text))
            case let .number(number) where DecimalText.isWhole(number): return .success(.string(number.description))
            default: return .failure(.wrongType(found: json.kindDescription))
            }
        case .enum:
            let text: String
            switch json {
            case let .string(value): text = value
            case let .number(number): text = number.description
            case let .bool(flag): text = flag ? "true" : "false"
            default: return .failure(.wrongType(found: json.kindDescription))
            }
            if text.isEmpty { return .success(.null) }
            guard values.isEmpty || values.contains(text) else { return .failure(.notCanonical(text)) }
            return .success(.string(text))
        case .email:
            guard case let .string(raw) = json else { return .failure(.wrongType(found: json.kindDescription)) }
            let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if email.isEmpty { return .success(.null) }
            guard Self.isPlausibleEmail(email) else { return .failure(.invalid(detail: "not an email address")) }
            return .success(.string(email))
        case .decimal, .integer:
            let number: Decimal
            switch json {
            case let .number(value): number = value
            case let .string(text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return .success(.null) }
                guard let value = DecimalText.parse(trimmed) else {
                    return .failure(.invalid(detail: "'\(FieldError.short(trimmed))' is not a number"))
                }
                number = value
            default: return .failure(.wrongType(found: json.kindDescription))
            }
            guard self == .decimal || DecimalText.isWhole(number) else {
                return .failure(.invalid(detail: "\(number) is not a whole number"))
            }
            return .success(.number(number))
        case .bool:
            switch json {
            case let .bool(flag): return .success(.bool(flag))
            case let .string(text):
                switch text.trimmingCharacters(in: .whitespaces).lowercased() {
                case "true": return .success(.bool(true))
                case "false": return .success(.bool(false))
                case "": return .success(.null)
                default: return .failure(.invalid(detail: "'\(FieldError.short(text))' is not true or false"))
                }
            default: return .failure(.wrongType(found: json.kindDescription))
            }
        case .date:
            switch json {
            case let .string(text):
                if text.isEmpty { return .success(.null) }
                if let date = CalendarDate(iso: text) { return .success(.date(date.description)) }
                // A datetime string: its date as written (before any zone conversion).
                if text.utf8.count > 10, ISO8601Instant.parse(text) != nil, let date = CalendarDate(iso: text.prefix(10)) {
                    return .success(.date(date.description))
                }
                if let millis = Int64(text) { return Self.date(fromMillis: millis) }
                return .failure(.invalid(detail: "'\(FieldError.short(text))' is not a date (YYYY-MM-DD)"))
            case let .number(number):
                guard let millis = Self.int64(number) else { return .failure(.invalid(detail: "\(number) is not epoch milliseconds")) }
                return Self.date(fromMillis: millis)
            default: return .failure(.wrongType(found: json.kindDescription))
            }
        case .datetime:
            switch json {
            case let .string(text):
                if text.isEmpty { return .success(.null) }
                if let millis = ISO8601Instant.parse(text) { return .success(.datetime(millis)) }
                if let millis = Int64(text), ISO8601Instant.format(millis: millis) != nil { return .success(.datetime(millis)) }
                return .failure(.invalid(detail: "'\(FieldError.short(text))' is not an ISO-8601 date-time or epoch milliseconds"))
            case let .number(number):
                guard let millis = Self.int64(number), ISO8601Instant.format(millis: millis) != nil else {
                    return .failure(.invalid(detail: "\(number) is not epoch milliseconds"))
                }
                return .success(.datetime(millis))
            default: return .failure(.wrongType(found: json.kindDescription))
            }
        }
    }

    /// Whether `value`'s case is the one this type normalizes to.
    func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (_, .null): true
        case (.string, .string), (.text, .string), (.enum, .string), (.email, .string), (.reference, .string): true
        case (.decimal, .number), (.integer, .number): true
        case (.bool, .bool), (.date, .date), (.datetime, .datetime): true
        default: false
        }
    }

    /// The native form of a canonical value when no transform says otherwise.
    static func plainNative(_ value: Value) -> JSONValue? {
        switch value {
        case .null: .null
        case let .string(text): .string(text)
        case let .number(number): .number(number)
        case let .bool(flag): .bool(flag)
        case let .date(date): .string(date)
        case let .datetime(millis): ISO8601Instant.format(millis: millis).map(JSONValue.string)
        }
    }

    static func date(fromMillis millis: Int64) -> Result<Value, CanonicalProblem> {
        let days = ISO8601Instant.floorDivide(millis, ISO8601Instant.millisPerDay).quotient
        guard let date = CalendarDate(daysSinceEpoch: Int(days)) else {
            return .failure(.invalid(detail: "\(millis) is outside years 1-9999"))
        }
        return .success(.date(date.description))
    }

    static func int64(_ number: Decimal) -> Int64? {
        guard DecimalText.isWhole(number), number.magnitude < Decimal(sign: .plus, exponent: 18, significand: 9) else { return nil }
        return Int64(number.description)
    }

    /// One `@`, something on each side, a dot in the domain, no whitespace. Deliberately
    /// loose: CRMs hold addresses RFC 5322 would refuse, and refusing them blocks a record.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace }
    }
}

extension JSONValue {
    /// "a string", "an object", …: how a value is named in an error, without its content.
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
